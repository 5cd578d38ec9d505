package io.siamese.cli.faults;

import io.siamese.localstack.ServiceProcess;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A batch of decode bombs ({@link DecodeBombs}) on the stream while as many hit the REST endpoint at once,
 * among valid pairs. Every bomb is within the limits, so a result and a dead letter are both acceptable; a
 * dead instance, a lost pair or a REST answer of 5xx is not.
 */
final class DecodeBombsScenario implements FaultScenario {

    /** Bomb pairs on the stream: one full batch at the default {@code siamese.batch.max-size}. */
    static final int STREAM_BOMBS = 32;
    static final int REST_THREADS = 8;
    static final int REST_REQUESTS = 24;

    @Override
    public String name() {
        return "decode-bombs";
    }

    @Override
    public String description() {
        return STREAM_BOMBS + " pairs of " + DecodeBombs.SIDE + "x" + DecodeBombs.SIDE + " PNGs in one batch, and "
                + REST_REQUESTS + " on POST /api/v1/verify from " + REST_THREADS + " threads at once";
    }

    @Override
    public void run(ScenarioRun run) throws Exception {
        ServiceProcess service = run.fleet().start("a");
        byte[] bomb = DecodeBombs.png();
        run.detail("bomb_png_bytes", bomb.length);
        InputPublisher publisher = run.publisher();
        List<Outgoing> records = new ArrayList<>(publisher.validPairs(run.options().pairs() / 2));
        for (int i = 0; i < STREAM_BOMBS; i++) {
            ImagePair pair = publisher.nextPair();
            Image image = new Image(ByteBuffer.wrap(bomb), "image/png");
            ImagePair bombs = ImagePair.newBuilder(pair).setLeft(image).setRight(image).build();
            records.add(new Outgoing("decode-bomb", pair.getPairId(), publisher.frame(bombs), pair.getPairId(),
                    Expect.EITHER, null));
        }
        records.addAll(publisher.validPairs(run.options().pairs() - run.options().pairs() / 2));
        CompletableFuture<Map<Integer, Integer>> rest = CompletableFuture.supplyAsync(() -> {
            try {
                return DecodeBombs.postConcurrently(service.baseUrl(), bomb, REST_THREADS, REST_REQUESTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        });
        publisher.publish(records);
        Map<Integer, Integer> statuses = rest.join();
        run.faultEnded();
        run.detail("rest_statuses", statuses);
        run.check("rest_answered_without_5xx", statuses.keySet().stream().allMatch(s -> s >= 200 && s < 500)
                && statuses.values().stream().mapToInt(Integer::intValue).sum() == REST_REQUESTS);
    }
}
