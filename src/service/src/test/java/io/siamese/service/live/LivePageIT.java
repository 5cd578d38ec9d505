package io.siamese.service.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.service.it.StreamClients;
import io.siamese.service.model.BatchEncoder;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The live page at {@code /} in a real headless browser, against the running service. */
@QuarkusTest
@QuarkusTestResource(value = LiveStackResource.class, restrictToAnnotatedClass = true)
class LivePageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WAVE = 12;

    @TestHTTPResource("/")
    URL page;

    @Inject
    BatchEncoder encoder;

    @Test
    void shouldShowLivePairsThroughputAndTheModelHistoryInAHeadlessBrowser() throws Exception {
        // ./siamese test installs the browser; a machine without it fails here rather than skipping the page.
        assertTrue(HeadlessChromium.installed(),
                "no browser: apt-get install -y chromium chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        Path repo = repositoryRoot();
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 1500)) {
            ChromeDriver driver = chromium.driver();
            driver.get("http://127.0.0.1:" + page.getPort() + "/");
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            // Panels are redrawn every second: an element found may be replaced before it is read.
            wait.ignoring(StaleElementReferenceException.class);

            // The shipped model is announced, then two newer ones the service must not serve: one it can never
            // load (rejected), one whose files are not in the store (waiting for them).
            String shipped = LiveCheckpoints.announceShippedAndTwoBadOnes(repo.resolve("models/default"));
            wait.until(textToBe(By.id("model-version"), shipped));
            wait.until(numberOfElementsToBe(By.cssSelector("#model-rejected li code"), 1));
            wait.until(numberOfElementsToBe(By.cssSelector("#model-waiting li code"), 1));

            LivePictures pictures = new LivePictures();
            List<String> shown = new ArrayList<>();
            for (String wave : List.of("a", "b")) {
                List<String> ids = publish(pictures, "live-" + wave + "-", wave.equals("a"));
                shown.addAll(ids);
                wait.until(d -> pairIdsOnPage(d).containsAll(ids));
            }
            wait.until(d -> number(d.findElement(By.id("throughput")).getText()) > 0);
            wait.until(d -> pairIdsOnPage(d).containsAll(shown) && !"–".equals(d.findElement(By.id("accuracy")).getText()));
            wait.until(textToBe(By.id("dead-letters"), "1"));
            wait.until(textToBe(By.id("trainer-status"), "connected"));

            assertEquals(encoder.current().version(), driver.findElement(By.id("model-version")).getText());
            assertEquals(String.valueOf(2 * WAVE), driver.findElement(By.id("pairs-count")).getText());
            @SuppressWarnings("unchecked")
            List<String> thumbs = (List<String>) driver.executeScript(
                    "return [...document.querySelectorAll('.pair[data-pair-id] .pics > *')].map(e => e.tagName + ' ' + e.src)");
            assertEquals(4 * WAVE, thumbs.size(), "two thumbnails per pair");
            for (String img : thumbs) {
                assertTrue(img.startsWith("IMG data:image/png;base64,"), img);
            }
            String caption = driver.findElement(By.cssSelector(".pair .caption")).getText();
            assertTrue(caption.matches("Dissimilarity: \\d+\\.\\d{4}"), caption);
            screenshot(driver, repo.resolve("docs/figures/live-page.png"));
        }
    }

    /** A figure as the page shows it; "–" (nothing yet) reads as 0. */
    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The pair ids shown, read in one script call: the grid may be rebuilt between two WebDriver calls. */
    private static Set<String> pairIdsOnPage(WebDriver driver) {
        return strings(driver, "return [...document.querySelectorAll('.pair[data-pair-id]')].map(e => e.dataset.pairId)");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> strings(WebDriver driver, String script) {
        return new HashSet<>((List<String>) ((ChromeDriver) driver).executeScript(script));
    }

    /** Publishes one wave of labelled pairs (and, with the first, one unreadable record); returns their ids. */
    private static List<String> publish(LivePictures pictures, String prefix, boolean withGarbage) {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, ImagePair> p = StreamClients.pairProducer(LiveStackResource.bootstrapServers,
                LiveStackResource.registryUrl);
                KafkaProducer<String, byte[]> raw = StreamClients.rawProducer(LiveStackResource.bootstrapServers)) {
            for (int i = 0; i < WAVE; i++) {
                LivePictures.Drawn d = pictures.next();
                String id = prefix + i;
                p.send(new ProducerRecord<>(LiveStackResource.INPUT, id, ImagePair.newBuilder().setPairId(id)
                        .setLeft(png(d.left())).setRight(png(d.right()))
                        .setMetadata(Map.of("label", String.valueOf(d.label()))).setEventTime(Instant.now()).build()));
                ids.add(id);
            }
            if (withGarbage) {
                raw.send(new ProducerRecord<>(LiveStackResource.INPUT, "garbage", "not an ImagePair".getBytes()));
            }
            p.flush();
            raw.flush();
        }
        return ids;
    }

    private static Image png(byte[] bytes) {
        return Image.newBuilder().setData(ByteBuffer.wrap(bytes)).setMediaType("image/png").build();
    }

    /** Sizes the window to the whole page, then saves what the browser shows. */
    private static void screenshot(ChromeDriver driver, Path file) throws Exception {
        // The window is the page plus the browser's own frame, whatever that is in this build.
        Number height = (Number) driver.executeScript(
                "return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(1440, height.intValue()));
        // The resize triggers a redraw of the canvases; wait for the next poll to have painted.
        String before = driver.findElement(By.id("status")).getText();
        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("status")).getText().equals(before));
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The repository root: the directory above the working directory that holds the shipped model. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("models/default/manifest.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("models/default not found above " + Path.of("").toAbsolutePath());
    }
}
