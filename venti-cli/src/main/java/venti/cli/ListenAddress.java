package venti.cli;

import java.util.function.Function;
import venti.core.DialAddress;

/** The addresses {@code -a} and {@code -h} take to listen on: also a bare port, which means loopback. */
final class ListenAddress {

    /** The host a bare port listens on: this machine only, never every interface by surprise. */
    static final String LOOPBACK = "127.0.0.1";

    private ListenAddress() {
    }

    /**
     * {@code text} as {@code parse} reads it, except that a bare number is a port on
     * {@link #LOOPBACK} ({@code -h 8002} is 127.0.0.1:8002, not host "8002").
     */
    static DialAddress parse(String text, Function<String, DialAddress> parse) {
        return text.matches("[0-9]+") ? DialAddress.parseListen(LOOPBACK + ":" + text) : parse.apply(text);
    }
}
