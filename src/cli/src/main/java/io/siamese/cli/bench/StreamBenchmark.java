package io.siamese.cli.bench;

import io.siamese.cli.publish.PairImages;
import io.siamese.cli.tail.LatencyRecorder;
import io.siamese.encoder.data.Pair;
import io.siamese.encoder.data.PairSampler;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Drives the packaged service through the real broker. A backlog run publishes all pairs first,
 * then starts the service and times how fast results come out (throughput). A paced run publishes
 * at a fixed rate into a running service and measures event-time-to-result latency.
 */
public final class StreamBenchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** Pairs per extra warm-up round of a paced run. */
    private static final int WARMUP_ROUND = 5000;

    private final LocalStack stack;
    private final Endpoints endpoints;
    private final Path model;
    private final Path workDir;
    private final PairImages images;
    private final PairSampler sampler;
    private final Map<String, String> serviceProperties;
    private final int partitions;
    private final int streamThreads;

    /**
     * @param stack running broker and registry
     * @param model checkpoint the service serves
     * @param workDir where service logs and state go
     * @param images pairs are drawn from these
     * @param partitions input partitions (one stream task each)
     * @param streamThreads the service's stream threads, which share the tasks
     * @param serviceProperties extra service properties for every run (e.g. the processing guarantee)
     */
    public StreamBenchmark(LocalStack stack, Path model, Path workDir, PairImages images, int partitions,
            int streamThreads, Map<String, String> serviceProperties) {
        this.partitions = partitions;
        this.streamThreads = streamThreads;
        this.serviceProperties = Map.copyOf(serviceProperties);
        this.stack = stack;
        this.endpoints = new Endpoints(stack.bootstrapServers(), stack.registryUrl());
        this.model = model;
        this.workDir = workDir;
        this.images = images;
        this.sampler = new PairSampler(images.dataset(), 11);
    }

    /**
     * Throughput draining a backlog: {@code warmup.maxPairs() + count} pairs are published before the
     * service starts; the clock starts when the warm-up is over (see {@link Warmup}) and the rate is
     * timed over the next {@code count} results.
     */
    public StreamRun backlog(int batchSize, long lingerMs, Warmup warmup, int count, double rawPairsPerSecond) {
        BenchTopics topics = BenchTopics.create(stack, "b" + batchSize + "-l" + lingerMs + "-" + System.nanoTime() % 100_000, partitions);
        publish(topics, prepare(topics, warmup.maxPairs() + count), 0);
        try (ServiceProcess service = start(topics, batchSize, lingerMs);
                KafkaConsumer<String, PairDissimilarity> results = consumer(topics)) {
            JitWatch jit = new JitWatch(service.baseUrl());
            int received = 0;
            int atClock = -1; // results received when the clock started
            long clockNanos = 0;
            long last = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            ServiceProfile profile = null; // taken 3/4 into the timed part: Kafka Streams' ratios cover ~30 s
            ProcessCpu neighbours = null; // from the clock's start
            int total = warmup.maxPairs() + count;
            // A poll returns up to 500 results, so the clock may start past maxPairs: stop at the total then.
            while (System.nanoTime() < deadline && received < total && (atClock < 0 || received < atClock + count)) {
                if (atClock < 0 && received >= warmup.minPairs()
                        && (received >= warmup.maxPairs() || jit.settled(warmup.jitShare()))) {
                    if (received >= warmup.maxPairs()) {
                        jit.scrape(); // settled() has just scraped otherwise: the window starts here
                    }
                    atClock = received;
                    clockNanos = System.nanoTime();
                    neighbours = ProcessCpu.start(neighbours());
                }
                if (atClock >= 0 && profile == null && received >= Math.min(atClock + count * 3 / 4, total - count / 4)) {
                    profile = ServiceProfile.scrape(service.baseUrl()).since(jit.last(), (System.nanoTime() - clockNanos) / 1e9)
                            .withNeighbours(neighbours.cores());
                }
                int n = results.poll(Duration.ofMillis(100)).count();
                if (n > 0) {
                    received += n;
                    last = System.nanoTime();
                }
            }
            double seconds = (last - clockNanos) / 1e9;
            double rate = atClock >= 0 && seconds > 0 ? (received - atClock) / seconds : 0;
            if (profile == null) {
                profile = ServiceProfile.scrape(service.baseUrl());
            }
            return new StreamRun(batchSize, lingerMs, atClock < 0 ? 0 : received - atClock, rate, -1, -1,
                    rawPairsPerSecond, 0, -1, -1, profile.withWarmup(Math.max(0, atClock), jit.lastShare()), null);
        }
    }

    /**
     * Latency at {@code rate} pairs/s for {@code duration}. The service first drains a backlog of
     * {@code warmup.minPairs()} pairs, then further rounds until its JIT has settled (see {@link Warmup});
     * the first 10% of the paced pairs are not counted either.
     */
    public StreamRun paced(int batchSize, long lingerMs, Warmup warmup, double rate, Duration duration,
            double rawPairsPerSecond) {
        BenchTopics topics = BenchTopics.create(stack, "paced-" + System.nanoTime() % 100_000, partitions);
        int count = (int) (rate * duration.toSeconds());
        publish(topics, prepare(topics, warmup.minPairs()), 0);
        List<PreparedPair> prepared = prepare(topics, count); // PNG encoding done before the clock starts
        LatencyRecorder latency = new LatencyRecorder();
        LatencyRecorder serviceLatency = new LatencyRecorder();
        LatencyRecorder arrival = new LatencyRecorder();
        LatencyRecorder queued = new LatencyRecorder();
        LatencyRecorder inference = new LatencyRecorder();
        LatencyRecorder commit = new LatencyRecorder();
        try (ServiceProcess service = start(topics, batchSize, lingerMs);
                KafkaConsumer<String, PairDissimilarity> results = consumer(topics)) {
            Warmed warmed = warmUp(service, topics, results, warmup, rate);
            ServiceProfile atStart = ServiceProfile.scrape(service.baseUrl());
            ProcessCpu neighbours = ProcessCpu.start(neighbours());
            Thread publisher = new Thread(() -> publish(topics, prepared, rate), "bench-publisher");
            publisher.start();
            int received = 0;
            int skip = count / 10;
            long start = System.nanoTime();
            long deadline = System.nanoTime() + duration.toNanos() + TIMEOUT.toNanos();
            ServiceProfile profile = null;
            while (received < count && System.nanoTime() < deadline) {
                if (profile == null && received >= count * 3 / 4) {
                    profile = ServiceProfile.scrape(service.baseUrl()).since(atStart, (System.nanoTime() - start) / 1e9)
                            .withNeighbours(neighbours.cores());
                }
                for (var r : results.poll(Duration.ofMillis(100))) {
                    if (received++ >= skip) {
                        var t = r.value().getTimings();
                        long total = System.currentTimeMillis() - r.value().getEventTime();
                        latency.record(total);
                        serviceLatency.record(t.getEventToResultMs());
                        arrival.record(Math.max(0, t.getEventToResultMs() - t.getQueuedMs() - t.getBatchInferenceMs()));
                        queued.record(t.getQueuedMs());
                        inference.record(t.getBatchInferenceMs());
                        commit.record(Math.max(0, total - t.getEventToResultMs()));
                    }
                }
            }
            publisher.join();
            double achieved = received / ((System.nanoTime() - start) / 1e9);
            return new StreamRun(batchSize, lingerMs, received, Math.min(rate, achieved), latency.percentile(50),
                    latency.percentile(99), rawPairsPerSecond, rate, serviceLatency.percentile(50),
                    serviceLatency.percentile(99),
                    (profile != null ? profile : ServiceProfile.scrape(service.baseUrl())).withWarmup(warmed.pairs(), warmed.jitShare()),
                    new StreamRun.LatencyParts(arrival.percentile(50), arrival.percentile(99), queued.percentile(50),
                            queued.percentile(99), inference.percentile(50), inference.percentile(99),
                            commit.percentile(50), commit.percentile(99)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The processes beside the service: the stack's broker and registry, and this benchmark. */
    private Map<String, ProcessHandle> neighbours() {
        List<ProcessHandle> stackProcesses = stack.processes(); // broker, registry
        Map<String, ProcessHandle> m = new java.util.LinkedHashMap<>();
        m.put("broker", stackProcesses.get(0));
        m.put("registry", stackProcesses.get(1));
        m.put("benchmark", ProcessHandle.current());
        return m;
    }

    private ServiceProcess start(BenchTopics topics, int batchSize, long lingerMs) {
        ServiceProcessConfig cfg = ServiceProcessConfig.of(stack.bootstrapServers(), stack.registryUrl(), model,
                        workDir.resolve(topics.applicationId()))
                .withBatching(batchSize, Duration.ofMillis(lingerMs))
                .withProperties(topics.serviceProperties())
                .withProperties(Map.of("siamese.model.warmup-batch-sizes", "1," + batchSize,
                        "kafka-streams.num.stream.threads", Integer.toString(streamThreads)))
                .withProperties(serviceProperties);
        return ServiceProcess.start(cfg);
    }

    /**
     * Drains the published warm-up backlog, then further rounds of {@value #WARMUP_ROUND} pairs, published
     * at {@code rate} pairs/s, until the JIT has settled or {@code warmup.maxPairs()} are scored. Paced rounds
     * run the code a paced measurement runs (batches flushed by the linger, scored on the stream thread,
     * eager commits), which a backlog never reaches: warmed on a backlog alone, the JIT would compile those
     * paths during the measurement.
     */
    private Warmed warmUp(ServiceProcess service, BenchTopics topics, KafkaConsumer<String, PairDissimilarity> results,
            Warmup warmup, double rate) {
        JitWatch jit = new JitWatch(service.baseUrl());
        jit.scrape();
        drain(results, warmup.minPairs());
        int scored = warmup.minPairs();
        while (scored < warmup.maxPairs() && !(jit.scrape() < warmup.jitShare())) {
            int round = Math.min(WARMUP_ROUND, warmup.maxPairs() - scored);
            publish(topics, prepare(topics, round), rate);
            drain(results, round);
            scored += round;
        }
        return new Warmed(scored, jit.lastShare());
    }

    /** Pairs a warm-up scored, and the JIT's share of a core at its end. */
    private record Warmed(int pairs, double jitShare) {}

    /** Reads {@code count} results and ignores them (the warm-up). */
    private static void drain(KafkaConsumer<String, PairDissimilarity> results, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int received = 0;
        while (received < count && System.nanoTime() < deadline) {
            received += results.poll(Duration.ofMillis(200)).count();
        }
        if (received < count) {
            throw new IllegalStateException("warm-up: only " + received + " of " + count + " results in " + TIMEOUT);
        }
    }

    /** A pair ready to send: images already encoded, so publishing costs only Avro and the network. */
    private record PreparedPair(String id, Image left, Image right, int label) {}

    private List<PreparedPair> prepare(BenchTopics topics, int count) {
        List<PreparedPair> pairs = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Pair p = sampler.next();
            pairs.add(new PreparedPair(topics.applicationId() + "-" + i, png(p.left()), png(p.right()), p.label()));
        }
        return pairs;
    }

    /**
     * Publishes the pairs; {@code rate} pairs/s, 0 = as fast as possible. Event time = send time.
     * The pacing parks between sends rather than spinning, so the publisher does not take a core
     * from the broker and the service on this small machine.
     */
    private void publish(BenchTopics topics, List<PreparedPair> pairs, double rate) {
        Map<String, Object> cfg = endpoints.producerConfig("bench-publisher");
        ConfluentAvroSerializer<ImagePair> values = new ConfluentAvroSerializer<>();
        values.configure(cfg, false);
        long start = System.nanoTime();
        try (KafkaProducer<String, ImagePair> producer = new KafkaProducer<>(cfg, new StringSerializer(), values)) {
            for (int i = 0; i < pairs.size(); i++) {
                if (rate > 0) {
                    long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                PreparedPair p = pairs.get(i);
                producer.send(new ProducerRecord<>(topics.input(), p.id(), ImagePair.newBuilder().setPairId(p.id())
                        .setLeft(p.left()).setRight(p.right())
                        .setMetadata(Map.of("label", Integer.toString(p.label())))
                        .setEventTime(Instant.now()).build()));
            }
            producer.flush();
        }
    }

    private Image png(int index) {
        return Image.newBuilder().setData(ByteBuffer.wrap(images.png(index))).setMediaType("image/png").build();
    }

    private KafkaConsumer<String, PairDissimilarity> consumer(BenchTopics topics) {
        Map<String, Object> cfg = endpoints.consumerConfig("bench-results");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConfluentAvroDeserializer<PairDissimilarity> values = new ConfluentAvroDeserializer<>(PairDissimilarity.class);
        values.configure(cfg, false);
        KafkaConsumer<String, PairDissimilarity> c = new KafkaConsumer<>(cfg, new StringDeserializer(), values);
        TopicPartition tp = new TopicPartition(topics.output(), 0);
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        return c;
    }
}
