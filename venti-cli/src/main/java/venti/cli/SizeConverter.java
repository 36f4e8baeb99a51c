package venti.cli;

import picocli.CommandLine;
import venti.core.Units;

/** Reads a size option the C tools' way: {@code 8k}, {@code 512m}, {@code 0x2000}. */
final class SizeConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        try {
            return Units.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
