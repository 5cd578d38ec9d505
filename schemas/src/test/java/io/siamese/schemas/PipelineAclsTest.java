package io.siamese.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

/** The {@code kafka-acls.sh} commands in deploy/README.md grant exactly what {@link PipelineAcls} grants. */
class PipelineAclsTest {

    @Test
    void shouldDocumentExactlyTheAclsEachPartIsGranted() throws IOException {
        Set<String> documented = new HashSet<>();
        Path readme = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "deploy", "README.md");
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("acl --allow-principal ")) {
                documented.addAll(parse(line.split("\\s+")));
            }
        }
        List<AclBinding> granted = new ArrayList<>();
        granted.addAll(PipelineAcls.service("User:siamese-service", "siamese-streams"));
        granted.addAll(PipelineAcls.trainer("User:siamese-trainer", "siamese-trainer"));
        granted.addAll(PipelineAcls.publisher("User:your-producer"));
        granted.addAll(PipelineAcls.resultReader("User:your-reader"));
        Set<String> expected = new HashSet<>();
        for (AclBinding b : granted) {
            expected.add(String.join(" ", b.entry().principal(), b.pattern().resourceType().name(),
                    b.pattern().name(), b.pattern().patternType().name(), b.entry().operation().name()));
        }

        assertEquals(expected, documented);
    }

    /** One line of {@code acl --allow-principal P --operation O... --topic T... [--resource-pattern-type t]}. */
    private static Set<String> parse(String[] words) {
        String principal = words[2];
        List<String> operations = new ArrayList<>();
        List<String[]> resources = new ArrayList<>();
        String pattern = "LITERAL";
        for (int i = 3; i < words.length - 1; i += 2) {
            String value = words[i + 1];
            switch (words[i]) {
                case "--operation" ->
                        operations.add(value.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
                case "--topic" -> resources.add(new String[] {"TOPIC", value});
                case "--group" -> resources.add(new String[] {"GROUP", value});
                case "--transactional-id" -> resources.add(new String[] {"TRANSACTIONAL_ID", value});
                case "--resource-pattern-type" -> pattern = value.toUpperCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("unexpected " + words[i]);
            }
        }
        Set<String> out = new HashSet<>();
        for (String[] r : resources) {
            for (String op : operations) {
                out.add(String.join(" ", principal, r[0], r[1], pattern, op));
            }
        }
        return out;
    }
}
