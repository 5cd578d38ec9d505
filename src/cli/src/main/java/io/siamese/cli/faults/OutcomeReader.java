package io.siamese.cli.faults;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.serde.WireFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a scenario's results and dead letters from the beginning, {@code read_committed} (only what the
 * service committed counts), on a thread of its own, and hands each to the {@link Ledger} with the time it
 * was seen. Values are decoded with this build's own schemas, not through the registry: the reader must keep
 * counting while the registry is down (the service is this build, so its writer schemas are these).
 */
final class OutcomeReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ScenarioTopics topics;
    private final Ledger ledger;
    private final Thread thread;
    private volatile boolean closed;

    OutcomeReader(String bootstrapServers, ScenarioTopics topics, Ledger ledger) {
        this.topics = topics;
        this.ledger = ledger;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "faults-reader-" + topics.name());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.output(), topics.deadLetter())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::readUntilClosed, "faults-reader-" + topics.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void readUntilClosed() {
        try {
            while (!closed) {
                // A broker outage only makes poll return nothing for a while; the client reconnects by itself.
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    account(record, System.nanoTime());
                }
            }
        } catch (WakeupException stopping) {
            // close() ends the loop
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void account(ConsumerRecord<byte[], byte[]> record, long seen) {
        try {
            if (record.topic().equals(topics.output())) {
                PairDissimilarity result = decode(record.value(), new SpecificDatumReader<>(PairDissimilarity.class));
                ledger.result(result.getPairId(), seen);
            } else {
                DeadLetter dead = decode(record.value(), new SpecificDatumReader<>(DeadLetter.class));
                ledger.deadLetter(new Input.Position(dead.getPartition(), dead.getOffset()), dead.getErrorKind(), seen);
            }
        } catch (IOException | RuntimeException e) {
            ledger.undecodable();
        }
    }

    private static <T extends SpecificRecord> T decode(byte[] framed, SpecificDatumReader<T> reader)
            throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(WireFormat.payload(framed), null));
    }

    /** Stops reading and closes the consumer. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
