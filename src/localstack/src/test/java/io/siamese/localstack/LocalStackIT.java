package io.siamese.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack of its own: a real broker and registry start, answer, and leave nothing behind when closed. */
class LocalStackIT {

    @TempDir
    Path dir;

    @Test
    void shouldServeTopicsAndSchemasThenStopEveryProcessOnClose() throws Exception {
        LocalStack stack = LocalStack.start(dir.resolve("stack"));
        List<ProcessHandle> processes;
        try {
            processes = stack.processes().stream()
                    .flatMap(p -> Stream.concat(Stream.of(p), p.descendants())).toList();
            assertTrue(stack.bootstrapServers().startsWith("127.0.0.1:"), "loopback only");
            assertTrue(stack.registryUrl().startsWith("http://127.0.0.1:"), "loopback only");

            stack.createTopics(List.of(new NewTopic("compacted", 2, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact"))));
            stack.createTopic("compacted", 2); // exists already: left as it is
            try (Admin admin = Admin.create(stack.clientConfig())) {
                assertTrue(admin.listTopics().names().get().contains("compacted"));
                assertEquals(2, admin.describeTopics(Set.of("compacted")).allTopicNames().get()
                        .get("compacted").partitions().size());
            }
            HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, subjects.statusCode());
            assertEquals("[]", subjects.body().strip());
            assertTrue(processes.stream().allMatch(ProcessHandle::isAlive));
        } finally {
            stack.close();
        }

        assertFalse(processes.stream().anyMatch(ProcessHandle::isAlive), "still running: " + processes);
        assertTrue(Files.exists(stack.workDir().resolve("logs").resolve("kafka.log")));
        assertTrue(Files.exists(stack.workDir().resolve("logs").resolve("registry.log")));
    }

    @Test
    void shouldStartAFreshStackInADirectoryAnEarlierStackUsed() throws Exception {
        try (LocalStack first = LocalStack.start(dir.resolve("reused"))) {
            first.createTopic("left-behind", 1);
        }

        try (LocalStack second = LocalStack.start(dir.resolve("reused"));
             Admin admin = Admin.create(second.clientConfig())) {
            assertFalse(admin.listTopics().names().get().contains("left-behind"), "a stack starts empty");
        }
    }
}
