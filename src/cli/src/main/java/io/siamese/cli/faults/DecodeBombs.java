package io.siamese.cli.faults;

import io.siamese.encoder.image.ImageEncoding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decoded-size bombs that are within the service's limits: a small PNG file (tens of KB, far under
 * {@code siamese.image.max-bytes}) of 4000x4000 pixels (16 M, just under {@code siamese.image.max-pixels})
 * that a decoder naively expands to tens of MB each. Sent on the stream and to {@code POST /api/v1/verify}.
 */
final class DecodeBombs {

    /** Side of the bomb: 4000 x 4000 = 16,000,000 pixels, under the default limit of 16,777,216. */
    static final int SIDE = 4000;

    private DecodeBombs() {
    }

    /** @return a gray {@value #SIDE}x{@value #SIDE} PNG with a faint pattern (it compresses to tens of KB) */
    static byte[] png() {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                pixels[y * SIDE + x] = (byte) (((x / 100) + (y / 100)) % 2 * 255);
            }
        }
        return ImageEncoding.png(image);
    }

    /**
     * Posts {@code requests} verify requests with {@code png} on both sides from {@code threads} threads at once.
     *
     * @return how many requests got each HTTP status; -1 counts requests that got no answer at all
     */
    static Map<Integer, Integer> postConcurrently(String baseUrl, byte[] png, int threads, int requests)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<Integer, Integer> statuses = new TreeMap<>();
        try {
            Future<?>[] sent = new Future<?>[requests];
            for (int i = 0; i < requests; i++) {
                sent[i] = pool.submit(() -> verify(http, baseUrl, png));
            }
            for (Future<?> request : sent) {
                int status;
                try {
                    status = (Integer) request.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    status = -1;
                }
                statuses.merge(status, 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int verify(HttpClient http, String baseUrl, byte[] png) {
        String boundary = "faults-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String side : new String[] {"left", "right"}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + side
                    + "\"; filename=\"" + side + ".png\"\r\nContent-Type: image/png\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(png);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/verify"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
