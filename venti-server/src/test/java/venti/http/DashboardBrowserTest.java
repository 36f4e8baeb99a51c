package venti.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import venti.client.ClientOptions;
import venti.client.VentiClient;
import venti.core.BlockType;
import venti.core.DialAddress;
import venti.core.Score;
import venti.replica.ReplicaOptions;
import venti.replica.Replication;
import venti.server.ServerOptions;
import venti.server.VentiServer;
import venti.store.admin.Format;
import venti.store.Store;
import venti.store.VentiConfig;
import venti.store.admin.TestStores;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through Selenium loads
 * {@code /} from a server under load on loopback, and the charts must fill with data points
 * that move, an unreachable mirror's lag must show, the page must log no script error, and
 * the buttons must act on the server.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (the {@code chromium}
 * and {@code chromium-driver} packages, which {@code .ci/run} installs), or the paths in
 * {@code VENTI_CHROMIUM} and {@code VENTI_CHROMEDRIVER}. Without them the test is skipped with
 * the reason, except under CI ({@code CI=true}), where it fails.
 *
 * <p>{@code -Dventi.dashboard.screenshot=docs/dashboard.png} saves a screenshot after
 * {@code -Dventi.dashboard.seconds} (default 6) seconds of load: how the README's picture is made.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("VENTI_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("VENTI_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A mirror no replica answers, whose lag grows under the load. */
    private static final String NOWHERE = "tcp!127.0.0.1!" + closedPort();

    @TempDir
    Path dir;
    Store store;
    VentiServer server;
    Replication replication;
    HttpClientSupport http;
    WebDriver browser;
    final AtomicBoolean loading = new AtomicBoolean(true);
    Thread load;

    @BeforeEach
    void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String why = "no Chromium at " + CHROMIUM + " or no chromedriver at " + DRIVER
                    + ": install the chromium and chromium-driver packages (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                fail("the browser test cannot run under CI: " + why);
            }
            System.err.println("DashboardBrowserTest skipped: " + why);
            Assumptions.abort(why);
        }
        Path conf = TestStores.format(dir.resolve("store"), new Format.Sizes(1L << 30, 128 << 20, 64 << 20, 4 << 20));
        store = TestStores.open(conf, Store.Mode.READ_WRITE);
        server = VentiServer.start(new DialAddress("127.0.0.1", 0), store, ServerOptions.DEFAULT);
        replication = Replication.start(store, List.of(new VentiConfig.MirrorLine(NOWHERE, false)), List.of(), false,
                dir, ReplicaOptions.DEFAULT.withRetry(Duration.ofMillis(50), Duration.ofMillis(200)));
        http = HttpClientSupport.serve(store, VentiMetrics.prometheus(store, server), Httpd.Options.NONE
                .withReplication(replication).withServer(server, "venti test").withRecentLog(() -> List.of(
                        new LogLine("venti.cli.ServerCommand", "INFO", "venti test started"),
                        new LogLine("venti.cli.ServerCommand", "INFO", "listening on " + server.dialAddress()))));
        load = Thread.ofVirtual().name("dashboard load").start(this::load);
        browser = chromium();
    }

    /**
     * Writes new blocks, rewrites some and reads them back, at a rate that swings over about a
     * minute, until the test ends: enough for every chart to move, little enough for a shared
     * machine.
     */
    private void load() {
        try (VentiClient c = VentiClient.connect(server.dialAddress(),
                ClientOptions.DEFAULT.withRequestTimeout(Duration.ofSeconds(30)))) {
            long n = 0;
            long started = System.nanoTime();
            while (loading.get()) {
                double t = (System.nanoTime() - started) / 1e9;
                int burst = (int) (20 + 18 * Math.sin(t / 9) + 8 * Math.sin(t / 2.3));
                for (int i = 0; i < burst; i++, n++) {
                    long seed = n % 5 == 4 ? n / 2 : n;
                    byte[] b = TestStores.block(seed, 2000 + (int) (seed % 6000));
                    Score s = c.write(BlockType.DATA, b);
                    c.read(s, BlockType.DATA, b.length);
                }
                if (n % 500 < burst) {
                    c.sync();
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            if (loading.get()) {
                throw new IllegalStateException("load failed", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private WebDriver chromium() throws IOException {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=1600,1800",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        loading.set(false);
        if (browser != null) {
            browser.quit();
        }
        if (load != null) {
            load.join(Duration.ofSeconds(30));
        }
        if (http != null) {
            http.close();
        }
        if (replication != null) {
            replication.close();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private long number(String script) {
        return ((Number) js(script)).longValue();
    }

    @Test
    void chartsMoveUnderLoadWithoutScriptErrorsAndTheButtonsWork() throws IOException {
        browser.get(http.httpd.uri().toString());
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(b -> number("return window.venti.polls") >= 3);

        String points = "return window.venti.charts['c-bytes'].data[0].length";
        String lastTime = "const x = window.venti.charts['c-bytes'].data[0]; return x[x.length - 1]";
        String written = "return window.venti.charts['c-bytes'].data[1].filter(v => v > 0).length";
        long before = number(lastTime);
        long pointsBefore = number(points);
        wait.until(b -> number(lastTime) >= before + 3);
        assertThat(number(points)).as("points added as samples arrive").isGreaterThan(pointsBefore);
        wait.until(b -> number(written) >= 2);
        for (String chart : List.of("c-ops", "c-latency", "c-newdup", "c-hits", "c-disk", "c-arenas")) {
            assertThat(number("return window.venti.charts['" + chart + "'].data.slice(1)"
                    + ".flat().filter(v => v != null && v > 0).length"))
                    .as("chart %s draws positive values under load", chart).isPositive();
        }
        assertThat(browser.findElement(By.id("t-writebw")).getText()).endsWith("/s").doesNotStartWith("0 B");
        assertThat(browser.findElement(By.id("log")).getText()).contains("venti test started");
        assertThat(browser.findElement(By.id("version")).getText()).isEqualTo("venti test");
        wait.until(b -> browser.findElement(By.id("mirrortable")).getText().contains("unreachable"));
        assertThat(browser.findElement(By.id("mirrortable")).getText()).as("the mirror's row")
                .containsPattern(java.util.regex.Pattern.quote(NOWHERE + " (async)") + "\\s+unreachable, [0-9.,k]+ clumps, "
                        + "[0-9.]+ [KMG]?i?B, \\d+m \\d+s behind; sent 0 clumps, 0 B");

        click("Empty lump cache");
        wait.until(b -> result().contains("/emptylumpcache: emptied lumpcache"));
        click("Flush index");
        wait.until(b -> result().contains("/flushicache: flushed icache"));
        assertThat(store.stats().get(venti.store.StoreCounter.INDEX_ROUNDS)).isPositive();
        new Select(browser.findElement(By.id("setname"))).selectByValue("compress");
        browser.findElement(By.id("setvalue")).sendKeys("0");
        browser.findElement(By.id("setbutton")).click();
        wait.until(b -> result().contains("/set: compress = 0 (was 1)"));
        assertThat(store.settings().compress()).isFalse();
        assertThat(http.text("/set?name=compress")).as("the C GET still works").isEqualTo("compress = 0\n");

        screenshot();
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(severe).as("script errors and warnings in the browser's console").isEmpty();
    }

    private void click(String label) {
        browser.findElements(By.cssSelector("button[data-post]")).stream()
                .filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label)).click();
    }

    private String result() {
        return browser.findElement(By.id("result")).getText();
    }

    /** With -Dventi.dashboard.screenshot, a picture of the page after more load (for the README). */
    private void screenshot() throws IOException {
        String to = System.getProperty("venti.dashboard.screenshot");
        if (to == null) {
            return;
        }
        try {
            Thread.sleep(Duration.ofSeconds(Long.getLong("venti.dashboard.seconds", 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path out = Path.of(to).toAbsolutePath();
        Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        System.out.println("dashboard screenshot: " + out + ", " + Files.size(out) + " bytes");
    }
}
