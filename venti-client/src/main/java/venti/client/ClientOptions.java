package venti.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link VentiClient} connects and waits.
 *
 * @param connectTimeout how long to wait for the TCP connection, and then for the version
 *                       and hello exchange
 * @param requestTimeout how long a request waits for its reply before failing with a
 *                       {@link java.net.SocketTimeoutException}, or null to wait as long as it
 *                       takes (libventi never gives up)
 * @param uid            the user name sent in Thello; libventi sends "anonymous", and servers
 *                       do not check it
 */
public record ClientOptions(Duration connectTimeout, Duration requestTimeout, String uid) {

    /** 30 seconds to connect, no request timeout, uid "anonymous". */
    public static final ClientOptions DEFAULT = new ClientOptions(Duration.ofSeconds(30), null, "anonymous");

    /** Checks that the timeouts are positive and the uid given. */
    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(uid, "uid");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
        if (requestTimeout != null && (requestTimeout.isNegative() || requestTimeout.isZero())) {
            throw new IllegalArgumentException("request timeout must be positive or null, got " + requestTimeout);
        }
    }

    /** These options with {@code timeout} to connect. */
    public ClientOptions withConnectTimeout(Duration timeout) {
        return new ClientOptions(timeout, requestTimeout, uid);
    }

    /** These options with {@code timeout} for each request, or null for none. */
    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(connectTimeout, timeout, uid);
    }

    /** These options with {@code newUid} sent in Thello. */
    public ClientOptions withUid(String newUid) {
        return new ClientOptions(connectTimeout, requestTimeout, newUid);
    }
}
