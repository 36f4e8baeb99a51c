package venti.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import venti.core.DialAddress;

/** The HTTP listen address, in the Venti address forms, and query strings. */
class HttpdAddressTest {

    @Test
    void addressesTakeTheVentiFormsWithHttpMeaningPort80() {
        assertThat(Httpd.parseAddress("tcp!*!8000")).isEqualTo(new DialAddress("*", 8000));
        assertThat(Httpd.parseAddress("127.0.0.1:8000")).isEqualTo(new DialAddress("127.0.0.1", 8000));
        assertThat(Httpd.parseAddress("tcp!*!http")).isEqualTo(new DialAddress("*", 80));
        assertThat(Httpd.parseAddress("localhost:http")).isEqualTo(new DialAddress("localhost", 80));
        assertThat(Httpd.parseAddress("tcp!127.0.0.1")).isEqualTo(new DialAddress("127.0.0.1", 80));
        assertThat(Httpd.parseAddress("localhost")).isEqualTo(new DialAddress("localhost", 80));
        assertThat(Httpd.parseAddress("[::1]:8080")).isEqualTo(new DialAddress("::1", 8080));
        assertThat(Httpd.parseAddress("[::1]")).isEqualTo(new DialAddress("::1", 80));
        assertThat(Httpd.parseAddress("*")).isEqualTo(new DialAddress("*", 80));
        assertThatThrownBy(() -> Httpd.parseAddress("udp!*!80")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("udp");
        assertThatThrownBy(() -> Httpd.parseAddress("tcp!*!www")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queriesAreDecodedAndTheFirstOfARepeatedNameWins() {
        assertThat(Httpd.query("name=l0quantum&value=0&name=compress")).isEqualTo(Map.of("name", "l0quantum", "value", "0"));
        assertThat(Httpd.query("name=a%20b+c&flag")).isEqualTo(Map.of("name", "a b c", "flag", ""));
        assertThat(Httpd.query(null)).isEmpty();
        assertThatThrownBy(() -> Httpd.query("name=%zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
