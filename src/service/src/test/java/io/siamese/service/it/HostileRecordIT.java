package io.siamese.service.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.localstack.StackFiles;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.serde.TopicNameStrategy;
import io.siamese.schemas.serde.WireFormat;
import io.siamese.testing.SampleRecords;
import io.siamese.testing.TestConsumers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 13-byte record (magic byte, ImagePair's real schema id, one varint declaring a 1.9 GB pair id) against the
 * packaged service with the deployment's heap: it becomes one dead letter, the pair behind it is scored, and the
 * service stays up. Before the length guard Avro allocated the declared length, the stream thread died of
 * OutOfMemoryError, and the uncommitted record killed every restart again.
 */
class HostileRecordIT {

    /** The heap the deployment manifests give the service. */
    private static final String HEAP = "-Xmx768m";

    @TempDir
    Path work;

    @Test
    void shouldDeadLetterARecordDeclaringAGigabyteStringAndKeepScoring() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        RunTopics topics = RunTopics.create(stack, "hostile");
        String input = topics.input();
        String output = topics.output();
        String deadLetters = topics.deadLetters();
        int schemaId = new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl()))
                .register(TopicNameStrategy.subject(input, false), ImagePair.getClassSchema());
        // The declared length, then the first bytes of a string that never come.
        byte[] hostile = WireFormat.encode(schemaId, concat(avroLong(1_932_735_282L), "abc".getBytes()));
        assertEquals(13, hostile.length, "the record of the report");

        ServiceProcessConfig config = ServiceProcessConfig.of(stack.bootstrapServers(), stack.registryUrl(),
                        StackFiles.home().resolve("models/default"), work)
                .withProperties(topics.serviceProperties(Map.of("siamese.model.warmup-batch-sizes", "1")))
                .withJvm(List.of(HEAP), ServiceProcessConfig.DEFAULT_READY_TIMEOUT);
        try (ServiceProcess service = ServiceProcess.start(config);
             KafkaProducer<String, byte[]> raw = StreamClients.rawProducer(stack.bootstrapServers());
             KafkaProducer<String, ImagePair> pairs = StreamClients.pairProducer(stack.bootstrapServers(),
                     stack.registryUrl());
             KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(stack.bootstrapServers(),
                     stack.registryUrl(), output);
             KafkaConsumer<String, DeadLetter> letters = StreamClients.deadLetters(stack.bootstrapServers(),
                     stack.registryUrl(), deadLetters)) {
            raw.send(new ProducerRecord<>(input, "hostile", hostile)).get();
            pairs.send(new ProducerRecord<>(input, "after", pair("after"))).get();

            var dead = TestConsumers.poll(letters, 1, Duration.ofSeconds(90));
            assertEquals("hostile", dead.get(0).key());
            assertEquals(DeadLetterKinds.DESERIALIZATION, dead.get(0).value().getErrorKind());
            assertTrue(dead.get(0).value().getErrorMessage().contains("1932735282"),
                    dead.get(0).value().getErrorMessage());
            var scored = TestConsumers.poll(results, 1, Duration.ofSeconds(90));
            assertEquals("after", scored.get(0).value().getPairId());
            assertTrue(service.isAlive(), service.logTail(40));
            assertEquals(200, status(service.baseUrl() + "/q/health/live"), service.logTail(40));
            assertEquals(200, status(service.baseUrl() + "/q/health/ready"), service.logTail(40));
        }
    }

    /** Avro's encoding of a long: a zig-zag varint, here a string or bytes length prefix. */
    private static byte[] avroLong(long value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        encoder.writeLong(value);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static ImagePair pair(String id) {
        return ImagePair.newBuilder().setPairId(id)
                .setLeft(Image.newBuilder().setData(ByteBuffer.wrap(SampleRecords.png(20, 20, 1)))
                        .setMediaType("image/png").build())
                .setRight(Image.newBuilder().setData(ByteBuffer.wrap(SampleRecords.png(20, 20, 2)))
                        .setMediaType("image/png").build())
                .setMetadata(Map.of()).setEventTime(Instant.now()).build();
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
