package io.siamese.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceProcessPropertiesTest {

    private final ServiceProcessConfig config = new ServiceProcessConfig(Path.of("service.jar"), "127.0.0.1:9092",
            "http://127.0.0.1:8081/apis/ccompat/v7", Path.of("model"), Path.of("state"), Map.of(), List.of(),
            Path.of("service.log"), Duration.ofSeconds(1));

    @Test
    void shouldNameNoClientConfigSoAnExportedOneCannotReachALocalStacksService() {
        assertEquals("", ServiceProcess.properties(config, 8080).get("siamese.client-config"));
    }

    @Test
    void shouldPassTheCallersClientConfigForASecuredStack() {
        Map<String, String> p = ServiceProcess.properties(
                config.withProperties(Map.of("siamese.client-config", "/etc/client.properties")), 8080);

        assertEquals("/etc/client.properties", p.get("siamese.client-config"));
    }
}
