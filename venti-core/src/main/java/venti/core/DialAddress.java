package venti.core;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where a Venti server listens or is dialled: a host, or the wildcard {@code *} for every
 * local address, and a TCP port.
 *
 * <p>Accepted forms, as plan9port's {@code netmkaddr} and {@code dial} read them:
 * <ul>
 * <li>Plan 9 dial strings {@code tcp!host!port}, {@code net!host!port}, and with the
 *     service name {@code venti} for port 17034 ({@code tcp!host!venti}); {@code tcp!host}
 *     alone means the venti port.</li>
 * <li>{@code host:port}, {@code host:venti}, and a bare {@code host} (port 17034).</li>
 * <li>IPv6 literals in brackets: {@code [::1]:17034}, {@code [::1]}; in a dial string the
 *     brackets are optional ({@code tcp!::1!17034}).</li>
 * <li>For listening, the wildcard host: {@code tcp!*!17034}, {@code *:17034}, {@code *}.</li>
 * </ul>
 * Other networks ({@code udp}, {@code unix}) and service names other than {@code venti} are
 * refused with a message saying so. With no address at all, clients take the {@code venti}
 * environment variable, as libventi's {@code vtdial} does ({@link #fromEnvironment}).
 *
 * <p>An immutable value; thread-safe.
 */
public record DialAddress(String host, int port) {

    /** The venti service's port. */
    public static final int DEFAULT_PORT = 17034;
    /** The host meaning every local address, for listening. */
    public static final String WILDCARD = "*";
    /** The service name that stands for {@link #DEFAULT_PORT}. */
    public static final String SERVICE = "venti";
    /** The environment variable naming the default server. */
    public static final String ENVIRONMENT = "venti";

    private static final List<String> NETWORKS = List.of("tcp", "net");

    public DialAddress {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port " + port + " out of range 0..65535");
        }
    }

    /**
     * An address to dial: any form above but the wildcard.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static DialAddress parseDial(String text) {
        DialAddress a = parse(text);
        if (a.isWildcard()) {
            throw bad(text, "'*' means every local address, for listening; give a host to dial");
        }
        if (a.port == 0) {
            throw bad(text, "port 0 cannot be dialled");
        }
        return a;
    }

    /**
     * An address to listen on: any form above, the wildcard included; port 0 asks the
     * system for a free port.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static DialAddress parseListen(String text) {
        return parse(text);
    }

    /**
     * The address to dial: {@code text} when given, else the value of the {@code venti}
     * environment variable looked up through {@code getenv} (pass {@code System::getenv}).
     *
     * @throws IllegalArgumentException when neither is set, or the address is bad
     */
    public static DialAddress fromEnvironment(String text, UnaryOperator<String> getenv) {
        if (text != null && !text.isBlank()) {
            return parseDial(text);
        }
        String env = getenv.apply(ENVIRONMENT);
        if (env == null || env.isBlank()) {
            throw new IllegalArgumentException("no venti server given: pass an address such as tcp!host!venti"
                    + " or set $" + ENVIRONMENT);
        }
        try {
            return parseDial(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("$" + ENVIRONMENT + ": " + e.getMessage(), e);
        }
    }

    public boolean isWildcard() {
        return WILDCARD.equals(host);
    }

    /**
     * The socket address, resolving the host name now; every local address for the
     * wildcard. A name that does not resolve gives an {@link InetSocketAddress#isUnresolved()
     * unresolved} address, which fails when connected.
     */
    public InetSocketAddress toSocketAddress() {
        return isWildcard() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** The Plan 9 dial string, {@code tcp!host!port}. */
    @Override
    public String toString() {
        return "tcp!" + host + "!" + port;
    }

    private static DialAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty venti address");
        }
        if (!text.strip().equals(text)) {
            throw bad(text, "leading or trailing space");
        }
        return text.indexOf('!') >= 0 ? parseBang(text) : parseColon(text);
    }

    private static DialAddress parseBang(String text) {
        String[] parts = text.split("!", -1);
        if (parts.length > 3) {
            throw bad(text, "too many '!': want net!host!port");
        }
        String net = parts[0];
        if (!NETWORKS.contains(net)) {
            throw bad(text, "network '" + net + "' is not supported; Venti runs over tcp");
        }
        String host = unbracket(text, parts[1]);
        return make(text, host, parts.length == 3 ? parts[2] : SERVICE);
    }

    private static DialAddress parseColon(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw bad(text, "'[' without ']'");
            }
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw bad(text, "want ':port' after ']'");
            }
            return make(text, text.substring(1, close), rest.isEmpty() ? SERVICE : rest.substring(1));
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return make(text, text, SERVICE);
        }
        if (text.indexOf(':', colon + 1) >= 0) {
            throw bad(text, "an IPv6 address needs brackets, as [" + text + "] or [addr]:port");
        }
        return make(text, text.substring(0, colon), text.substring(colon + 1));
    }

    private static String unbracket(String text, String host) {
        if (host.startsWith("[") != host.endsWith("]")) {
            throw bad(text, "unbalanced brackets in host '" + host + "'");
        }
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static DialAddress make(String text, String host, String service) {
        if (host.isEmpty()) {
            throw bad(text, "empty host (use '*' to listen on every address)");
        }
        if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
            throw bad(text, "stray bracket in host '" + host + "'");
        }
        return new DialAddress(host, port(text, service));
    }

    private static int port(String text, String service) {
        if (service.equals(SERVICE)) {
            return DEFAULT_PORT;
        }
        if (service.isEmpty()) {
            throw bad(text, "empty port");
        }
        if (!service.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(text, "unknown service '" + service + "': want a port number or '" + SERVICE + "'");
        }
        if (service.length() > 5 || Integer.parseInt(service) > 0xffff) {
            throw bad(text, "port " + service + " out of range 0..65535");
        }
        return Integer.parseInt(service);
    }

    private static IllegalArgumentException bad(String text, String reason) {
        return new IllegalArgumentException("bad venti address '" + text + "': " + reason);
    }
}
