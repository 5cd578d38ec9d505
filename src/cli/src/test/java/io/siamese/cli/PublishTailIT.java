package io.siamese.cli;

import static io.siamese.cli.TestRecords.avroKey;
import static io.siamese.cli.TestRecords.bytes;
import static io.siamese.cli.TestRecords.deadLetter;
import static io.siamese.cli.TestRecords.readAll;
import static io.siamese.cli.TestRecords.result;
import static io.siamese.cli.TestRecords.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.cli.publish.Corruption;
import io.siamese.cli.publish.PairImages;
import io.siamese.cli.publish.PairPublisher;
import io.siamese.cli.publish.PublishOptions;
import io.siamese.cli.publish.PublishReport;
import io.siamese.cli.tail.ResultTail;
import io.siamese.cli.tail.TailListener;
import io.siamese.cli.tail.TailOptions;
import io.siamese.encoder.data.SyntheticShapes;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.LabelledPair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.PipelineTopics;
import io.siamese.schemas.Topics;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.schemas.serde.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publishing and tailing against the real broker and registry of the shared local stack. */
class PublishTailIT {

    private static Endpoints endpoints;

    @BeforeAll
    static void createPipeline() {
        LocalStack stack = SharedLocalStack.get();
        stack.createTopics(PipelineTopics.all((short) 1));
        PipelineTopics.registerSchemas(new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl())));
        endpoints = new Endpoints(stack.bootstrapServers(), stack.registryUrl());
    }

    @Test
    void publishedPairsArriveThroughBrokerAndRegistryAsValidOrCorruptAsReported() {
        PairImages images = new PairImages(new SyntheticShapes(4, 40, 7, new Preprocessing(28, 28, false)));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        PublishReport report;
        try (PairPublisher publisher = new PairPublisher(endpoints, images,
                new PublishOptions(20, 0, 11, 0.4, false, "rt"))) {
            report = publisher.run((id, broken) -> acknowledged.add(id));
        }

        assertEquals(20, report.total());
        assertTrue(report.valid() > 0 && report.corrupt() > 0, "both kinds with this seed: " + report);
        assertEquals(20, acknowledged.size());
        List<ConsumerRecord<byte[], byte[]>> records = readAll(endpoints, Topics.IMAGE_PAIRS, 20);
        var deserializer = new ConfluentAvroDeserializer<>(ImagePair.class);
        deserializer.configure(endpoints.consumerConfig("test"), false);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        int valid = 0;
        int brokenImages = 0;
        int notAvro = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            assertTrue(acknowledged.contains(key), key);
            if (record.value()[0] != WireFormat.MAGIC_BYTE) {
                notAvro++;
                continue;
            }
            ImagePair pair = deserializer.deserialize(record.topic(), record.value());
            assertEquals(key, pair.getPairId());
            Map<String, String> meta = pair.getMetadata();
            assertEquals(meta.get("left_class").equals(meta.get("right_class")) ? "0" : "1", meta.get("label"));
            if (meta.containsKey("corrupt")) {
                brokenImages++;
            } else {
                valid++;
                assertEquals("image/png", pair.getLeft().getMediaType());
                assertEquals(28, decoder.decode(bytes(pair.getLeft().getData())).getWidth());
                assertEquals(28, decoder.decode(bytes(pair.getRight().getData())).getHeight());
            }
        }
        assertEquals(report.valid(), valid);
        assertEquals(report.corruptByKind().get(Corruption.NOT_AVRO), notAvro);
        assertEquals(report.corrupt(), brokenImages + notAvro);
    }

    @Test
    void labelledModePublishesLabelledPairsWithTheirGroundTruth() {
        PairImages images = new PairImages(new SyntheticShapes(3, 30, 5, new Preprocessing(28, 28, false)));
        try (PairPublisher publisher = new PairPublisher(endpoints, images,
                new PublishOptions(4, 0, 3, 0, true, "lb"))) {
            assertEquals(Topics.LABELLED_PAIRS, publisher.run((id, broken) -> { }).topic());
        }

        var deserializer = new ConfluentAvroDeserializer<>(LabelledPair.class);
        deserializer.configure(endpoints.consumerConfig("test"), false);
        for (ConsumerRecord<byte[], byte[]> record : readAll(endpoints, Topics.LABELLED_PAIRS, 4)) {
            LabelledPair labelled = deserializer.deserialize(record.topic(), record.value());
            assertEquals("publish", labelled.getSource());
            assertEquals(labelled.getPair().getMetadata().get("label"), Integer.toString(labelled.getLabel()));
        }
    }

    @Test
    void resultTailReadsResultsAndDeadLettersWithEitherKeyFormatUntilCaughtUp() {
        var results = new ConfluentAvroSerializer<PairDissimilarity>();
        var deadLetters = new ConfluentAvroSerializer<DeadLetter>();
        results.configure(endpoints.producerConfig("test"), false);
        deadLetters.configure(endpoints.producerConfig("test"), false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(endpoints.producerConfig("test"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            String topic = Topics.PAIR_DISSIMILARITIES;
            producer.send(new ProducerRecord<>(topic, utf8("r-1"), results.serialize(topic, result("r-1"))));
            producer.send(new ProducerRecord<>(topic, avroKey("r-2"), results.serialize(topic, result("r-2"))));
            producer.send(new ProducerRecord<>(topic, utf8("junk"), utf8("not avro")));
            producer.send(new ProducerRecord<>(Topics.IMAGE_PAIRS_DLQ, utf8("d-1"),
                    deadLetters.serialize(Topics.IMAGE_PAIRS_DLQ, deadLetter())));
            producer.flush();
        }
        Map<String, String> seen = new ConcurrentHashMap<>();
        List<String> unreadable = new ArrayList<>();

        long read = new ResultTail(endpoints, new TailOptions(true, false, -1), new TailListener() {
            @Override
            public void onResult(String key, PairDissimilarity result, long receivedAt) {
                seen.put(key, result.getPairId());
            }

            @Override
            public void onDeadLetter(String key, DeadLetter deadLetter, long receivedAt) {
                seen.put(key, deadLetter.getErrorKind());
            }

            @Override
            public void onUnreadable(String topic, int partition, long offset, Exception error) {
                unreadable.add(topic);
            }
        }).run();

        assertEquals(4, read);
        assertEquals(Map.of("r-1", "r-1", "r-2", "r-2", "d-1", "CORRUPT_IMAGE"), seen);
        assertEquals(List.of(Topics.PAIR_DISSIMILARITIES), unreadable);
    }

}
