package io.siamese.service.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageEncoding;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.localstack.StackFiles;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.testing.TestConsumers;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoded-size bombs against the packaged service with the deployment's heap: 4000x4000 PNGs of about
 * 56 KB, each within {@code max-bytes} and {@code max-pixels}. Eight concurrent verify requests with
 * two each all answer 200 (or 503 with Retry-After), never 500, and a batch of them on the stream is
 * scored, not dead-lettered; the service stays live and ready. Before the fix every image was decoded
 * at full size (about 300 MB of heap each on its way to a 32x32 tensor) and the heap ran out.
 */
class DecodeBombIT {

    /** The heap the deployment manifests give the service. */
    private static final String HEAP = "-Xmx768m";
    private static final int SIDE = 4000;
    private static final int REQUESTS = 8;
    private static final int STREAMED_PAIRS = 16;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path work;

    @Test
    void shouldScoreConcurrent4000PixelPngsOnRestAndStreamWithoutRunningTheHeapOut() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        RunTopics topics = RunTopics.create(stack, "bomb");
        String input = topics.input();
        String output = topics.output();
        String deadLetters = topics.deadLetters();
        byte[] left = bomb(Color.DARK_GRAY);
        byte[] right = bomb(Color.LIGHT_GRAY);
        assertTrue(left.length < 80_000, "a small file: " + left.length + " bytes");

        ServiceProcessConfig config = ServiceProcessConfig.of(stack.bootstrapServers(), stack.registryUrl(),
                        StackFiles.home().resolve("models/default"), work)
                // One batch holds every streamed pair, decoded by four threads at once.
                .withProperties(topics.serviceProperties(Map.of("siamese.model.warmup-batch-sizes", "1", "siamese.batch.max-size",
                        Integer.toString(STREAMED_PAIRS), "siamese.batch.max-linger", "3s",
                        "siamese.batch.decode-threads", "4")))
                .withJvm(List.of(HEAP), ServiceProcessConfig.DEFAULT_READY_TIMEOUT);
        try (ServiceProcess service = ServiceProcess.start(config);
             KafkaProducer<String, ImagePair> pairs = StreamClients.pairProducer(stack.bootstrapServers(),
                     stack.registryUrl());
             KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(stack.bootstrapServers(),
                     stack.registryUrl(), output);
             KafkaConsumer<String, DeadLetter> letters = StreamClients.deadLetters(stack.bootstrapServers(),
                     stack.registryUrl(), deadLetters)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(http.sendAsync(verify(service.baseUrl(), left, right), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                int status = response.statusCode();
                assertTrue(status == 200 || status == 503, "status " + status + ": " + response.body()
                        + "\n" + service.logTail(40));
                if (status == 503) {
                    assertTrue(response.headers().firstValue("Retry-After").isPresent(), response.body());
                }
            }
            assertServing(service);

            for (int i = 0; i < STREAMED_PAIRS; i++) {
                pairs.send(new ProducerRecord<>(input, "bomb-" + i, pair("bomb-" + i, left, right)));
            }
            pairs.flush();
            var scored = TestConsumers.poll(results, STREAMED_PAIRS, Duration.ofSeconds(180));
            assertEquals(STREAMED_PAIRS, scored.size(), "every pair scored\n" + service.logTail(60));
            for (var result : scored) {
                assertNotNull(result.value().getDecision(), result.key());
            }
            assertEquals(0, letters.poll(Duration.ofSeconds(2)).count(), "no dead letters");
            assertServing(service);
        }
    }

    private static void assertServing(ServiceProcess service) throws IOException, InterruptedException {
        assertTrue(service.isAlive(), service.logTail(40));
        assertEquals(200, status(service.baseUrl() + "/q/health/live"), service.logTail(40));
        assertEquals(200, status(service.baseUrl() + "/q/health/ready"), service.logTail(40));
    }

    /** A 4000x4000 RGB PNG of flat colour with a few shapes: 48 MB decoded, about 50 KB encoded. */
    private static byte[] bomb(Color background) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, SIDE, SIDE);
        g.setColor(Color.ORANGE);
        g.fillOval(SIDE / 4, SIDE / 4, SIDE / 2, SIDE / 3);
        g.dispose();
        return ImageEncoding.png(image);
    }

    private static HttpRequest verify(String baseUrl, byte[] left, byte[] right) {
        String boundary = "bomb" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var part : Map.of("left", left, "right", right).entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                    + "\"; filename=\"" + part.getKey() + ".png\"\r\nContent-Type: image/png\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(part.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/verify")).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static ImagePair pair(String id, byte[] left, byte[] right) {
        return ImagePair.newBuilder().setPairId(id)
                .setLeft(Image.newBuilder().setData(ByteBuffer.wrap(left)).setMediaType("image/png").build())
                .setRight(Image.newBuilder().setData(ByteBuffer.wrap(right)).setMediaType("image/png").build())
                .setMetadata(Map.of()).setEventTime(Instant.now()).build();
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
