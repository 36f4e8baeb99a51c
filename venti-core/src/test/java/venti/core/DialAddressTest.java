package venti.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DialAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
            "tcp!example.org!17035 example.org 17035",
            "tcp!example.org!venti example.org 17034",
            "tcp!example.org example.org 17034",
            "net!10.0.0.1!564 10.0.0.1 564",
            "example.org:9000 example.org 9000",
            "example.org:venti example.org 17034",
            "example.org example.org 17034",
            "127.0.0.1 127.0.0.1 17034",
            "[::1]:17035 ::1 17035",
            "[::1] ::1 17034",
            "tcp!::1!1 ::1 1",
            "tcp![fe80::1]!venti fe80::1 17034",
    })
    void dialForms(String text, String host, int port) {
        assertThat(DialAddress.parseDial(text)).isEqualTo(new DialAddress(host, port));
        assertThat(DialAddress.parseListen(text)).isEqualTo(new DialAddress(host, port));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {"tcp!*!17034 17034", "tcp!*!venti 17034", "*:0 0", "* 17034", "net!*!5 5"})
    void listenForms(String text, int port) {
        DialAddress a = DialAddress.parseListen(text);
        assertThat(a.isWildcard()).isTrue();
        assertThat(a.port()).isEqualTo(port);
        assertThat(a.toSocketAddress().getAddress().isAnyLocalAddress()).isTrue();
        assertThatThrownBy(() -> DialAddress.parseDial(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "udp!h!1|bad venti address 'udp!h!1': network 'udp' is not supported; Venti runs over tcp",
            "unix!/tmp/v|bad venti address 'unix!/tmp/v': network 'unix' is not supported; Venti runs over tcp",
            "tcp!h!1!2|bad venti address 'tcp!h!1!2': too many '!': want net!host!port",
            "tcp!!1|bad venti address 'tcp!!1': empty host (use '*' to listen on every address)",
            ":1|bad venti address ':1': empty host (use '*' to listen on every address)",
            "h:|bad venti address 'h:': empty port",
            "tcp!h!|bad venti address 'tcp!h!': empty port",
            "h:http|bad venti address 'h:http': unknown service 'http': want a port number or 'venti'",
            "h:-1|bad venti address 'h:-1': unknown service '-1': want a port number or 'venti'",
            "h:65536|bad venti address 'h:65536': port 65536 out of range 0..65535",
            "h:999999999999|bad venti address 'h:999999999999': port 999999999999 out of range 0..65535",
            "fe80::1|bad venti address 'fe80::1': an IPv6 address needs brackets, as [fe80::1] or [addr]:port",
            "[::1|bad venti address '[::1': '[' without ']'",
            "[::1]17034|bad venti address '[::1]17034': want ':port' after ']'",
            "tcp![::1!1|bad venti address 'tcp![::1!1': unbalanced brackets in host '[::1'",
            "3u)_d]|bad venti address '3u)_d]': stray bracket in host '3u)_d]'",
            "h]:1|bad venti address 'h]:1': stray bracket in host 'h]'",
            "[[::1]]:1|bad venti address '[[::1]]:1': want ':port' after ']'",
            "' h'|bad venti address ' h': leading or trailing space",
            "*|bad venti address '*': '*' means every local address, for listening; give a host to dial",
            "h:0|bad venti address 'h:0': port 0 cannot be dialled",
    })
    void badStrings(String text, String message) {
        assertThatThrownBy(() -> DialAddress.parseDial(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void emptyIsRefused() {
        assertThatThrownBy(() -> DialAddress.parseListen("")).hasMessage("empty venti address");
        assertThatThrownBy(() -> DialAddress.parseListen(null)).hasMessage("empty venti address");
    }

    @Test
    void environmentGivesTheDefaultServer() {
        Map<String, String> env = Map.of("venti", "tcp!store.example!17100");
        assertThat(DialAddress.fromEnvironment(null, env::get)).isEqualTo(new DialAddress("store.example", 17100));
        assertThat(DialAddress.fromEnvironment("", env::get)).isEqualTo(new DialAddress("store.example", 17100));
        assertThat(DialAddress.fromEnvironment("other:1", env::get)).isEqualTo(new DialAddress("other", 1));
        assertThatThrownBy(() -> DialAddress.fromEnvironment(null, Map.<String, String>of()::get))
                .hasMessage("no venti server given: pass an address such as tcp!host!venti or set $venti");
        assertThatThrownBy(() -> DialAddress.fromEnvironment(null, Map.of("venti", "udp!x!1")::get))
                .hasMessage("$venti: bad venti address 'udp!x!1': network 'udp' is not supported; Venti runs over tcp");
    }

    @Test
    void socketAddressAndDialString() {
        DialAddress a = DialAddress.parseDial("127.0.0.1:4000");
        assertThat(a.toSocketAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 4000));
        assertThat(a).hasToString("tcp!127.0.0.1!4000");
        assertThat(DialAddress.parseDial(a.toString())).isEqualTo(a);
        assertThatThrownBy(() -> new DialAddress("h", 70000)).hasMessage("port 70000 out of range 0..65535");
    }
}
