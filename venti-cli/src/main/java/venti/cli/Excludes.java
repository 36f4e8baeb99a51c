package venti.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * vac's include and exclude patterns ({@code -e pattern}, {@code -x file}): the first pattern
 * that matches a path decides; a path no pattern matches is included.
 *
 * <p>Patterns are shell globs over the whole path as vac names it (the argument as given,
 * then {@code /} and each name below): {@code *} is any run of characters but {@code /},
 * {@code ?} any one of them, {@code [a-z]} and {@code [~a-z]} a class and its complement, and
 * {@code ...} any run of characters including {@code /}. As in vac, {@code *} and {@code ?} at
 * the start of a name do not match a leading dot. In an exclude file, each line is
 * {@code include pattern} or {@code exclude pattern}; blank lines and lines starting with
 * {@code #} are ignored.
 *
 * <p>Immutable once built; thread-safe.
 */
final class Excludes {

    private record Rule(Pattern pattern, boolean include) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Adds an exclude pattern (-e). */
    Excludes exclude(String glob) {
        rules.add(new Rule(compile(glob), false));
        return this;
    }

    /**
     * Adds the rules of an exclude file (-x).
     *
     * @throws IOException naming the file and line of a bad one
     */
    Excludes load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).stripTrailing();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean include = line.startsWith("include ");
            if (!include && !line.startsWith("exclude ")) {
                throw new IOException(file + ":" + n + ": line does not begin with include or exclude");
            }
            try {
                rules.add(new Rule(compile(line.substring("include ".length())), include));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + n + ": " + e.getMessage(), e);
            }
        }
        return this;
    }

    /** Whether {@code path} goes into the archive. */
    boolean includes(String path) {
        for (Rule r : rules) {
            if (r.pattern().matcher(path).matches()) {
                return r.include();
            }
        }
        return true;
    }

    /**
     * The regular expression of a glob, as vac's glob2regexp makes it.
     *
     * @throws IllegalArgumentException when the glob is malformed
     */
    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        boolean nameStart = true;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (glob.startsWith("...", i)) {
                re.append(".*");
                i += 2;
                nameStart = false;
            } else if (c == '*') {
                re.append(nameStart ? "([^./][^/]*)?" : "[^/]*");
                nameStart = false;
            } else if (c == '?') {
                re.append(nameStart ? "[^./]" : "[^/]");
                nameStart = false;
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0 || glob.substring(i, end).indexOf('/') >= 0) {
                    throw new IllegalArgumentException("bad glob pattern " + glob + ": unclosed [ or / in a class");
                }
                String set = glob.substring(i + 1, end);
                re.append('[');
                if (set.startsWith("~")) {
                    re.append('^');
                    set = set.substring(1);
                }
                for (char s : set.toCharArray()) {
                    re.append(s == '^' || s == '\\' || s == '[' || s == '&' ? "\\" + s : s);
                }
                re.append(']');
                i = end;
                nameStart = false;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                nameStart = c == '/';
            }
        }
        try {
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad glob pattern " + glob + ": " + e.getDescription(), e);
        }
    }
}
