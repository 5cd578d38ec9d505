package io.siamese.cli.demo;

import com.sun.net.httpserver.HttpServer;
import io.siamese.encoder.image.ImageDecodeException;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageFormat;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Decision;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Timings;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stand-in for the streaming service in {@link DemoRunTest}, configured by the same system properties
 * {@code ServiceProcess} passes: it reads image-pairs, routes undecodable records and images to the dead-letter
 * topic, and answers every good pair with a "perfect model" result (decided by the pair's metadata label), so the
 * demo's bookkeeping can be checked end to end without a network.
 */
public final class EchoService {

    private EchoService() {
    }

    /** Runs until SIGTERM. */
    public static void main(String[] args) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", System.getProperty("quarkus.kafka-streams.bootstrap-servers"));
        config.put("schema.registry.url", System.getProperty("siamese.registry.url"));
        config.put("group.id", "echo-service");
        config.put("auto.offset.reset", "earliest");
        var pairs = new ConfluentAvroDeserializer<>(ImagePair.class);
        pairs.configure(config, false);
        ConfluentAvroSerializer<PairDissimilarity> results = new ConfluentAvroSerializer<>();
        results.configure(config, false);
        ConfluentAvroSerializer<DeadLetter> deadLetters = new ConfluentAvroSerializer<>();
        deadLetters.configure(config, false);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.wakeup();
            try {
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        consumer.subscribe(List.of(Topics.IMAGE_PAIRS));
        HttpServer health = HttpServer.create(new InetSocketAddress(System.getProperty("quarkus.http.host"),
                Integer.getInteger("quarkus.http.port")), 0);
        health.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        health.start();
        try {
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    String key = record.key() == null ? null : new String(record.key());
                    try {
                        ImagePair pair = pairs.deserialize(record.topic(), record.value());
                        check(pair.getLeft(), decoder);
                        check(pair.getRight(), decoder);
                        producer.send(new ProducerRecord<>(Topics.PAIR_DISSIMILARITIES, key,
                                results.serialize(Topics.PAIR_DISSIMILARITIES, answer(pair))));
                    } catch (RuntimeException e) {
                        DeadLetter letter = DeadLetter.newBuilder().setSourceTopic(record.topic())
                                .setPartition(record.partition()).setOffset(record.offset())
                                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                                .setValue(ByteBuffer.wrap(record.value())).setErrorKind(kind(e))
                                .setErrorMessage(String.valueOf(e.getMessage())).setFailedAt(Instant.now()).build();
                        producer.send(new ProducerRecord<>(Topics.IMAGE_PAIRS_DLQ, key,
                                deadLetters.serialize(Topics.IMAGE_PAIRS_DLQ, letter)));
                    }
                }
            }
        } catch (WakeupException stopping) {
            producer.close();
            consumer.close();
            health.stop(0);
        }
    }

    private static void check(Image image, ImageDecoder decoder) {
        if (ImageFormat.fromMediaType(image.getMediaType()).isEmpty()) {
            throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT, image.getMediaType());
        }
        ByteBuffer data = image.getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        decoder.decode(bytes);
    }

    private static String kind(RuntimeException e) {
        if (e instanceof ImageDecodeException decode) {
            return switch (decode.reason()) {
                case TOO_LARGE, TOO_MANY_PIXELS -> "TOO_LARGE";
                case UNSUPPORTED_FORMAT -> "UNSUPPORTED_FORMAT";
                default -> "CORRUPT_IMAGE";
            };
        }
        return "DESERIALIZATION";
    }

    private static PairDissimilarity answer(ImagePair pair) {
        int label = Integer.parseInt(pair.getMetadata().get("label"));
        long now = System.currentTimeMillis();
        return PairDissimilarity.newBuilder().setPairId(pair.getPairId()).setDistance(label == 0 ? 0.1 : 2.0)
                .setMetric("euclidean").setThreshold(1.0).setDecision(label == 0 ? Decision.SAME : Decision.DIFFERENT)
                .setModelVersion("echo-v1")
                .setTimings(new Timings(now - pair.getEventTime().toEpochMilli(), 0L, 0L, 1)).setLabel(label)
                .setTraceId(pair.getTraceId()).setEventTime(pair.getEventTime().toEpochMilli())
                .setMetadata(pair.getMetadata()).build();
    }
}
