package io.siamese.service.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.localstack.StackFiles;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.testing.SampleRecords;
import io.siamese.testing.TestConsumers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One stream thread holding three partitions scores their pairs in one batch: the packaged service as a
 * child process, a real broker and a real Apicurio registry, exactly-once on.
 */
class CrossPartitionBatchIT {

    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 2;

    @TempDir
    Path work;

    @Test
    void shouldScorePairsOfEveryPartitionInOneBatchExactlyOnceAndInOrderPerKey() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        RunTopics topics = RunTopics.create(stack, "across", PARTITIONS);
        int total = PARTITIONS * PER_PARTITION;
        // The batch is scored only when full, never on the linger: only pairs of all three partitions fill it.
        ServiceProcessConfig config = ServiceProcessConfig.of(stack.bootstrapServers(), stack.registryUrl(),
                        StackFiles.home().resolve("models/default"), work)
                .withProperties(topics.serviceProperties(Map.of(
                        "siamese.model.warmup-batch-sizes", "1",
                        "kafka-streams.num.stream.threads", "1",
                        "siamese.batch.across-partitions", "true",
                        "kafka-streams.processing.guarantee", "exactly_once_v2",
                        "siamese.batch.max-size", Integer.toString(total),
                        "siamese.batch.max-linger", "1h")))
                .withJvm(List.of("-Xmx512m"), ServiceProcessConfig.DEFAULT_READY_TIMEOUT);
        try (ServiceProcess service = ServiceProcess.start(config);
                KafkaProducer<String, ImagePair> producer = StreamClients.pairProducer(stack.bootstrapServers(),
                        stack.registryUrl());
                KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(stack.bootstrapServers(),
                        stack.registryUrl(), topics.output())) {
            for (int i = 0; i < PER_PARTITION; i++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    String id = "k" + p + "-" + i;
                    producer.send(new ProducerRecord<>(topics.input(), p, "k" + p, pair(id, p * 10 + i))).get();
                }
            }
            List<ConsumerRecord<String, PairDissimilarity>> got = TestConsumers.poll(results, total,
                    Duration.ofSeconds(90));
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                results.poll(Duration.ofMillis(250)).forEach(got::add); // a duplicate would be committed by now
            }

            assertEquals(total, got.size(), service.logTail(40));
            Map<String, List<String>> byKey = new LinkedHashMap<>();
            for (ConsumerRecord<String, PairDissimilarity> r : got) {
                assertEquals(total, r.value().getTimings().getBatchSize(), "one batch of all three partitions' pairs");
                String id = r.value().getPairId();
                byKey.computeIfAbsent(id.substring(0, id.indexOf('-')), k -> new ArrayList<>()).add(id);
            }
            for (int p = 0; p < PARTITIONS; p++) {
                assertEquals(List.of("k" + p + "-0", "k" + p + "-1"), byKey.get("k" + p), "per-key order");
            }
        }
    }

    private static ImagePair pair(String id, long seed) {
        return ImagePair.newBuilder().setPairId(id)
                .setLeft(Image.newBuilder().setData(ByteBuffer.wrap(SampleRecords.png(20, 20, seed)))
                        .setMediaType("image/png").build())
                .setRight(Image.newBuilder().setData(ByteBuffer.wrap(SampleRecords.png(20, 20, seed + 100)))
                        .setMediaType("image/png").build())
                .setMetadata(Map.of()).setEventTime(Instant.now()).build();
    }
}
