package io.siamese.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.DecodeBudget;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.BatchScores;
import io.siamese.service.model.ServedModel;
import io.siamese.service.stream.PairDecoder;
import io.siamese.service.stream.TopologyProducer;
import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/verify} under a small decode budget, called directly (no server): concurrent
 * large-but-allowed images wait for each other and all answer 200; a request that cannot get its
 * share in the wait answers 503 with Retry-After; an image too large for the whole budget 413.
 */
class VerifyResourceBudgetTest {

    private static final ServedModel MODEL = new ServedModel("fake-v1", "fake", "euclidean", 0.1,
            new Preprocessing(32, 32, false), "/nowhere");
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Room for about two 4000x4000 decodes (about 5 MB each, subsampled) at a time. */
    private final DecodeBudget budget = new DecodeBudget(12 * MIB, TopologyProducer.DECODE_BUDGET_SETTING);

    @Test
    void shouldAnswerEightConcurrentPairsOf4000PixelImagesAll200WaitingForTheBudget() throws Exception {
        VerifyResource resource = resource(Duration.ofSeconds(60));
        FileUpload png = upload("big.png", 4000);
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return resource.verify(png, png);
                }));
            }
            start.countDown();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertEquals(200, response.getStatus(), String.valueOf(response.getEntity()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(budget.maxBytes(), budget.availableBytes(), "every reservation released");
    }

    @Test
    void shouldAnswerBusyWithRetryAfterWhenTheBudgetStaysTakenForTheWholeWait() throws Exception {
        VerifyResource resource = resource(Duration.ofMillis(200));
        FileUpload png = upload("big.png", 4000);
        DecodeBudget.Reservation elsewhere = budget.reserve(budget.maxBytes(), "others", Duration.ZERO);

        Response busy = resource.verify(png, png);
        assertEquals(503, busy.getStatus());
        assertEquals(VerifyResource.RETRY_AFTER_S, busy.getHeaderString("Retry-After"));
        assertTrue(busy.getEntity().toString().contains("BUSY"), busy.getEntity().toString());

        elsewhere.close();
        assertEquals(200, resource.verify(png, png).getStatus());
        assertEquals(budget.maxBytes(), budget.availableBytes());
    }

    @Test
    void shouldAnswer413NamingTheSettingForAnImageWhoseDecodeAloneExceedsTheBudget() throws Exception {
        // 511x511 is decoded at full size for a 32-pixel model: 261,121 pixels at 36 bytes and more, over 4 MiB.
        VerifyResource resource = new VerifyResource(new ConstantEncoder(), new PairDecoder(null, ImageLimits.DEFAULT,
                8, new DecodeBudget(4 * MIB, TopologyProducer.DECODE_BUDGET_SETTING), Duration.ofSeconds(60)));
        FileUpload png = upload("medium.png", 511);

        Response tooLarge = resource.verify(png, png);
        assertEquals(413, tooLarge.getStatus());
        assertTrue(tooLarge.getEntity().toString().contains("siamese.image.max-decoded-bytes"),
                tooLarge.getEntity().toString());
    }

    private VerifyResource resource(Duration wait) {
        return new VerifyResource(new ConstantEncoder(), new PairDecoder(null, ImageLimits.DEFAULT, 8, budget, wait));
    }

    private FileUpload upload(String name, int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
        Path file = Files.write(dir.resolve(name), ImageEncoding.png(image));
        return new FileUpload() {
            @Override public String name() { return name; }
            @Override public Path filePath() { return file; }
            @Override public String fileName() { return name; }
            @Override public long size() { return file.toFile().length(); }
            @Override public String contentType() { return "image/png"; }
            @Override public String charSet() { return null; }
            @Override public jakarta.ws.rs.core.MultivaluedMap<String, String> getHeaders() { return null; }
        };
    }

    /** Scores every pair 0.5 apart; the model is not what is tested here. */
    private static final class ConstantEncoder implements BatchEncoder {
        @Override
        public BatchScores score(float[][] left, float[][] right) {
            return new BatchScores(MODEL, new double[] {0.5}, new float[][] {{0}}, new float[][] {{0.5f}}, 1_000);
        }

        @Override
        public ServedModel current() {
            return MODEL;
        }
    }
}
