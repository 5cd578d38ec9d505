package io.siamese.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.schemas.ClientConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigFileSourceTest {

    @TempDir
    Path dir;

    @Test
    void shouldHandTheFilesKafkaKeysToKafkaStreamsAndItsRegistryKeysToTheRegistryClient() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), """
                bootstrap.servers=kafka:9093
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="s" password="p";
                schema.registry.url=http://registry:8080/apis/ccompat/v7
                basic.auth.user.info=s:p
                auto.register.schemas=false
                """);

        ClientConfigFileSource source = new ClientConfigFileSource(Map.of(ClientConfigFile.ENV, file.toString())::get);

        assertEquals("kafka:9093", source.getValue("quarkus.kafka-streams.bootstrap-servers"));
        assertEquals("SASL_PLAINTEXT", source.getValue("kafka-streams.security.protocol"));
        assertEquals("PLAIN", source.getValue("kafka-streams.sasl.mechanism"));
        assertEquals("http://registry:8080/apis/ccompat/v7", source.getValue("siamese.registry.url"));
        assertEquals("s:p", source.getValue("siamese.registry.basic-auth-user-info"));
        assertEquals("false", source.getValue("siamese.registry.auto-register"));
        Map<String, Object> clients = KafkaClientSettings.of(source.getProperties()).common();
        assertEquals("SASL_PLAINTEXT", clients.get("security.protocol"), "the service's other clients too");
        assertTrue(clients.get("sasl.jaas.config").toString().contains("username=\"s\""));
    }

    @Test
    void shouldPreferTheSystemPropertyOverTheEnvironmentAndBeEmptyWithoutEither() throws IOException {
        Path a = Files.writeString(dir.resolve("a.properties"), "security.protocol=SSL\n");
        Path b = Files.writeString(dir.resolve("b.properties"), "security.protocol=SASL_SSL\n");

        ClientConfigFileSource both = new ClientConfigFileSource(Map.of(ClientConfigFileSource.PROPERTY, a.toString(),
                ClientConfigFile.ENV, b.toString())::get);

        assertEquals("SSL", both.getValue("kafka-streams.security.protocol"));
        assertEquals(Map.of(), new ClientConfigFileSource(Map.<String, String>of()::get).getProperties());
        assertEquals(Map.of(), new ClientConfigFileSource(Map.of(ClientConfigFileSource.PROPERTY, "",
                ClientConfigFile.ENV, b.toString())::get).getProperties(), "an empty property names no file");
    }

    @Test
    void shouldRefuseARegistryKeyTheServiceCannotHonour() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientConfigFileSource.translate(Map.of("schema.registry.ssl.keystore.location", "/k")));

        assertTrue(e.getMessage().contains("schema.registry.ssl.keystore.location is not supported"), e.getMessage());
    }

    @Test
    void shouldBeRegisteredForTheServiceLoaderAboveApplicationPropertiesAndBelowTheEnvironment() {
        List<ConfigSource> sources = ServiceLoader.load(ConfigSource.class).stream().map(ServiceLoader.Provider::get)
                .filter(ClientConfigFileSource.class::isInstance).toList();

        assertEquals(1, sources.size());
        assertTrue(sources.get(0).getOrdinal() > 250 && sources.get(0).getOrdinal() < 300);
    }
}
