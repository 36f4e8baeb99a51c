package venti.cli;

import picocli.CommandLine;
import venti.core.BlockType;

/** Reads {@code -t type}: a libventi type number, 0..16 (data 0, directory 8, root 16). */
final class BlockTypes implements CommandLine.ITypeConverter<BlockType> {

    @Override
    public BlockType convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("bad type '" + value + "': want a number 0..16");
        }
        if (n < 0 || n > BlockType.ROOT.value()) {
            throw new CommandLine.TypeConversionException("bad type " + n + ": want 0..16 (data 0, pointers 1-7,"
                    + " directory 8, directory pointers 9-15, root 16)");
        }
        return BlockType.of(n);
    }
}
