package io.siamese.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadAConfluentStyleClientFile() throws IOException {
        Path file = write("""
                # as Confluent Cloud's client.properties
                bootstrap.servers=kafka:9093
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                  username="svc" password="pw";
                schema.registry.url=https://registry:8443/apis/ccompat/v7
                basic.auth.credentials.source=USER_INFO
                basic.auth.user.info = svc:pw
                """);

        Map<String, String> p = ClientConfigFile.read(file);

        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("svc:pw", p.get("basic.auth.user.info"));
        assertTrue(p.get("sasl.jaas.config").endsWith("password=\"pw\";"), p.get("sasl.jaas.config"));
        assertFalse(p.containsKey("basic.auth.credentials.source"), "consumed: only USER_INFO is supported");
    }

    @Test
    void shouldWriteAFileOnlyItsOwnerCanReadThatReadsBackTheSame() throws IOException {
        Map<String, String> properties = Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p=1\";");

        Path file = ClientConfigFile.write(dir.resolve("child.properties"), properties);

        assertEquals(properties, ClientConfigFile.read(file));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void shouldNameAMissingFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientConfigFile.fromEnvironment(
                        Map.of(ClientConfigFile.ENV, "/nonexistent/client.properties")::get));

        assertTrue(e.getMessage().contains("/nonexistent/client.properties does not exist"), e.getMessage());
    }

    @Test
    void shouldRefuseACredentialsSourceItCannotHonour() throws IOException {
        Path file = write("basic.auth.credentials.source=SASL_INHERIT\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientConfigFile.read(file));

        assertTrue(e.getMessage().contains("SASL_INHERIT is not supported"), e.getMessage());
    }

    @Test
    void shouldHideSecretsWhenRedacted() {
        Map<String, String> shown = ClientConfigFile.redacted(Map.of("sasl.jaas.config", "x password=\"pw\"",
                "basic.auth.user.info", "u:pw", "ssl.truststore.password", "pw", "security.protocol", "SASL_SSL"));

        assertEquals(Map.of("sasl.jaas.config", "***", "basic.auth.user.info", "***", "ssl.truststore.password",
                "***", "security.protocol", "SASL_SSL"), shown);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("client.properties"), text);
    }
}
