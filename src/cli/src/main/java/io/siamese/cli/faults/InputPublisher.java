package io.siamese.cli.faults;

import io.siamese.cli.publish.PairImages;
import io.siamese.cli.publish.PairRecords;
import io.siamese.encoder.data.PairSampler;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a scenario's inputs and records each in the {@link Ledger} with the partition and offset its
 * acknowledgement names. Valid pairs are built as {@code ./siamese publish} builds them ({@link PairRecords},
 * {@link PairSampler}: labelled Fashion-MNIST pairs) and framed by the production serializer; hostile records
 * go out as the bytes given. The producer waits out broker outages (minutes) instead of failing a send.
 */
final class InputPublisher implements AutoCloseable {

    private final String topic;
    private final Ledger ledger;
    private final KafkaProducer<String, byte[]> producer;
    private final ConfluentAvroSerializer<ImagePair> serializer = new ConfluentAvroSerializer<>();
    private final PairSampler sampler;
    private final PairRecords records;
    private long next;

    InputPublisher(Endpoints endpoints, PairImages images, String topic, Ledger ledger, long seed) {
        this.topic = topic;
        this.ledger = ledger;
        Map<String, Object> config = endpoints.producerConfig("faults-publisher-" + topic);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000);
        serializer.configure(config, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.sampler = new PairSampler(images.dataset(), seed);
        this.records = new PairRecords(images, new SplittableRandom(seed));
    }

    /** @return the next valid pair (labelled, id {@code <topic>-<n>}), framed as the production serializer does */
    synchronized Outgoing validPair(Integer partition) {
        ImagePair pair = nextPair();
        String id = pair.getPairId();
        return new Outgoing("valid", id, frame(pair), id, Expect.RESULT, partition);
    }

    /** @return the next valid pair, not yet framed */
    synchronized ImagePair nextPair() {
        return records.build(topic + "-" + next++, sampler.next(), null);
    }

    /** @return {@code pair} framed for the input topic (its schema registered under the topic's subject) */
    synchronized byte[] frame(ImagePair pair) {
        return serializer.serialize(topic, pair);
    }

    /** @return {@code count} valid pairs on the keys' partitions */
    List<Outgoing> validPairs(int count) {
        List<Outgoing> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(validPair(null));
        }
        return pairs;
    }

    /**
     * Sends the records, waits for every acknowledgement and records them in the ledger.
     *
     * @return the inputs, in the order given
     * @throws IllegalStateException when the broker refuses one
     */
    List<Input> publish(List<Outgoing> outgoing) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(outgoing.size());
        for (Outgoing record : outgoing) {
            sent.add(producer.send(new ProducerRecord<>(topic, record.partition(), record.key(), record.value())));
        }
        producer.flush();
        List<Input> inputs = new ArrayList<>(outgoing.size());
        for (int i = 0; i < outgoing.size(); i++) {
            try {
                RecordMetadata acked = sent.get(i).get();
                Input input = outgoing.get(i).at(acked.partition(), acked.offset());
                ledger.published(input);
                inputs.add(input);
            } catch (ExecutionException e) {
                throw new IllegalStateException("publishing " + outgoing.get(i).label() + " to " + topic + " failed: "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing to " + topic, e);
            }
        }
        return inputs;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
