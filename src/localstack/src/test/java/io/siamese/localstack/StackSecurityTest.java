package io.siamese.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StackSecurityTest {

    private final StackSecurity security = new StackSecurity("adminpw", Map.of("svc", "svcpw"));

    @Test
    void shouldAuthenticateEveryClientAndAllowNothingWithoutAnAcl() {
        Properties p = KafkaServerConfig.singleNode(9092, 9093, Path.of("data"), Optional.of(security));

        assertEquals("SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093", p.getProperty("listeners"));
        assertEquals("SASL_PLAINTEXT://127.0.0.1:9092", p.getProperty("advertised.listeners"));
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", p.getProperty("authorizer.class.name"));
        assertEquals("false", p.getProperty("allow.everyone.if.no.acl.found"));
        String jaas = p.getProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config");
        assertTrue(jaas.contains("user_admin=\"adminpw\"") && jaas.contains("user_svc=\"svcpw\""), jaas);
    }

    @Test
    void shouldLeaveAnUnsecuredBrokerOnPlaintextWithoutAnAuthoriser() {
        Properties p = KafkaServerConfig.singleNode(9092, 9093, Path.of("data"), Optional.empty());

        assertEquals("PLAINTEXT://127.0.0.1:9092", p.getProperty("advertised.listeners"));
        assertFalse(p.containsKey("authorizer.class.name"));
    }

    @Test
    void shouldGiveAClientItsSaslAndRegistryCredentials() {
        Map<String, String> client = security.clientProperties("svc");

        assertEquals("SASL_PLAINTEXT", client.get("security.protocol"));
        assertEquals("svc:svcpw", client.get("basic.auth.user.info"));
        assertTrue(client.get("sasl.jaas.config").contains("username=\"svc\" password=\"svcpw\""));
        assertTrue(security.registryOptions().contains("-Dquarkus.security.users.embedded.users.svc=svcpw"));
        assertFalse(security.toString().contains("svcpw"));
        assertThrows(IllegalArgumentException.class, () -> security.clientProperties("nobody"));
    }
}
