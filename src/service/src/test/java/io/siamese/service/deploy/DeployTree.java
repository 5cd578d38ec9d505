package io.siamese.service.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository's {@code deploy/} tree, parsed: YAML (multi-document), JSON and Dockerfiles. */
final class DeployTree {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private DeployTree() {}

    /** The repository root: the first directory above the working directory holding deploy/ and src/service/. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("src/service/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
    }

    static Path deploy() {
        return root().resolve("deploy");
    }

    static Path deploy(String relative) {
        return deploy().resolve(relative);
    }

    /** Every file under deploy/ whose name ends with one of {@code suffixes}. */
    static List<Path> files(String... suffixes) {
        try (Stream<Path> walk = Files.walk(deploy())) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All documents of a (multi-document) YAML file; empty documents are dropped. */
    static List<JsonNode> yaml(Path file) {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            while (values.hasNext()) {
                JsonNode doc = values.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The single document of a YAML file. */
    static JsonNode yamlDocument(Path file) {
        List<JsonNode> docs = yaml(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " holds " + docs.size() + " documents, expected 1");
        }
        return docs.get(0);
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** Every Kubernetes object under deploy/k8s (all kustomize directories, overlays' patches included). */
    static List<K8sObject> kubernetesObjects() {
        List<K8sObject> objects = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(deploy("k8s"))) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                for (JsonNode doc : yaml(file)) {
                    objects.add(new K8sObject(file, doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    /** The one object of {@code kind} named {@code name} under k8s/{@code dir}; an AssertionError otherwise. */
    static K8sObject single(List<K8sObject> objects, String kind, String name, String dir) {
        List<K8sObject> found = objects.stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(name) && o.under(dir)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected 1 " + kind + " " + name + " in k8s/" + dir + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The GPU overlay's patch of the service Deployment. */
    static JsonNode gpuPatch(List<K8sObject> objects) {
        return objects.stream().filter(o -> o.under("overlays/gpu") && o.kind().equals("Deployment")).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment patch in overlays/gpu")).doc();
    }

    /**
     * One Kubernetes object and the file it came from.
     *
     * @param file where it is
     * @param doc the object
     */
    record K8sObject(Path file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        boolean under(String relativeDir) {
            return file.startsWith(deploy("k8s").resolve(relativeDir));
        }
    }

    /** An environment block as a map: compose's map or list ("K=V") form, or Kubernetes' name/value list. */
    static Map<String, String> environment(JsonNode env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (env == null || env.isMissingNode() || env.isNull()) {
            return out;
        }
        if (env.isObject()) {
            env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else {
            for (JsonNode item : env) {
                if (item.isTextual()) {
                    String[] kv = item.asText().split("=", 2);
                    out.put(kv[0], kv.length > 1 ? kv[1] : null);
                } else {
                    JsonNode value = item.get("value");
                    out.put(item.path("name").asText(), value == null ? null : value.asText());
                }
            }
        }
        return out;
    }

    /** The container named {@code name} of a pod template (Deployment, Job or a patch of one). */
    static Optional<JsonNode> container(JsonNode workload, String name) {
        for (JsonNode c : workload.path("spec").path("template").path("spec").path("containers")) {
            if (name.equals(c.path("name").asText())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The value following {@code option} in an argument list ({@code --store DIR} or {@code --store=DIR}). */
    static Optional<String> option(List<String> args, String option) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith(option + "=")) {
                return Optional.of(args.get(i).substring(option.length() + 1));
            }
        }
        return Optional.empty();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(it.next().asText());
        }
        return out;
    }

    /** A Dockerfile's instructions, continuation lines joined and comments dropped. */
    record Dockerfile(Path file, List<String[]> instructions) {

        private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S+)");

        static Dockerfile read(Path file) {
            List<String[]> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            try {
                for (String line : Files.readAllLines(file)) {
                    String trimmed = line.strip();
                    if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                        continue;
                    }
                    if (!current.isEmpty() && trimmed.startsWith("#")) {
                        continue;
                    }
                    if (trimmed.endsWith("\\")) {
                        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                        continue;
                    }
                    current.append(trimmed);
                    String text = current.toString().strip();
                    current.setLength(0);
                    int space = text.indexOf(' ');
                    instructions.add(new String[] {text.substring(0, space).toUpperCase(java.util.Locale.ROOT),
                            text.substring(space + 1).strip()});
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Dockerfile(file, instructions);
        }

        List<String> all(String instruction) {
            return instructions.stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
        }

        /** ENV of the last stage (the image that runs). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String[] i : instructions) {
                if (i[0].equals("FROM")) {
                    env.clear();
                } else if (i[0].equals("ENV")) {
                    Matcher m = ENV_PAIR.matcher(i[1]);
                    while (m.find()) {
                        env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
                    }
                }
            }
            return env;
        }

        /** The last ENTRYPOINT in exec form, as one string (its elements joined by spaces). */
        String entrypoint() {
            List<String> e = all("ENTRYPOINT");
            if (e.isEmpty()) {
                throw new IllegalStateException(file + " has no ENTRYPOINT");
            }
            try {
                return String.join(" ", strings(JSON.readTree(e.get(e.size() - 1))));
            } catch (IOException ex) {
                throw new UncheckedIOException(file + ": ENTRYPOINT is not in exec (JSON) form", ex);
            }
        }

        /** The last CMD in exec form. */
        List<String> cmd() {
            List<String> c = all("CMD");
            if (c.isEmpty()) {
                return List.of();
            }
            try {
                return strings(JSON.readTree(c.get(c.size() - 1)));
            } catch (IOException ex) {
                throw new UncheckedIOException(file + ": CMD is not in exec (JSON) form", ex);
            }
        }
    }
}
