package io.siamese.service.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Micrometer meters the processes Prometheus scrapes (the service and the trainer) register, found by reading
 * their Java sources rather than by starting them, so that a test can tell whether a Prometheus sample name
 * (an alert's or a dashboard's) is one they export, and with which labels and label values. A meter's candidate
 * tag keys and values are the string literals of the files that register it: a superset, but one that misses
 * nothing a tag can be.
 */
final class ExportedMeters {

    /** The processes Prometheus scrapes: the service and the trainer. */
    static final List<String> SOURCES = List.of("src/service/src/main/java", "trainer/src/main/java");
    /** A Micrometer meter registration: the name is the first argument, a literal or a constant. */
    private static final Pattern METER = Pattern.compile(
            "\\b(?:counter|gauge|builder|summary|timer)\\(\\s*(?:\"([a-z][a-z0-9_.]*)\"|([A-Z][A-Z0-9_]*))");
    /** What Micrometer's Prometheus registry appends to a meter's name: base unit, then the sample's suffix. */
    private static final Pattern PROMETHEUS_SUFFIX = Pattern.compile("(_seconds|_bytes)?(_total|_bucket|_count|_sum|_max)?");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");

    /** Meter name -> the files that register it. */
    private final Map<String, Set<Path>> registrations;

    private ExportedMeters(Map<String, Set<Path>> registrations) {
        this.registrations = registrations;
    }

    /**
     * Scans {@link #SOURCES} for meter names, each with the files that register it: the first argument of
     * {@code counter(}, {@code gauge(}, {@code builder(} (Counter, Gauge, Timer, ...) when it is a string literal
     * or a constant of the same file.
     */
    static ExportedMeters scan() {
        Map<String, Set<Path>> names = new TreeMap<>();
        for (String dir : SOURCES) {
            try (Stream<Path> files = Files.walk(DeployTree.root().resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String java = Files.readString(f);
                    Matcher m = METER.matcher(java);
                    while (m.find()) {
                        String name = m.group(1);
                        if (name == null) {
                            Matcher constant = Pattern.compile("\\b" + m.group(2) + "\\s*=\\s*\"([a-z][a-z0-9_.]*)\"").matcher(java);
                            name = constant.find() ? constant.group(1) : null;
                        }
                        if (name != null && name.contains(".")) {
                            names.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(f);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ExportedMeters(names);
    }

    /** The meter names (Micrometer's dotted form), sorted. */
    Set<String> names() {
        return registrations.keySet();
    }

    /** The files that register a meter. */
    Set<Path> files(String meter) {
        return registrations.get(meter);
    }

    /** The meter a Prometheus sample name comes from (dots to underscores plus unit and suffix), if any. */
    Optional<String> meterOf(String sample) {
        return names().stream().filter(m -> {
            String base = m.replace('.', '_');
            return sample.startsWith(base) && PROMETHEUS_SUFFIX.matcher(sample.substring(base.length())).matches();
        }).findFirst();
    }

    /** Every string literal of the files that register a meter: the candidates for its tag keys and values. */
    Set<String> literals(String meter) {
        Set<String> literals = new TreeSet<>();
        for (Path f : files(meter)) {
            try {
                Matcher m = STRING_LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    literals.add(m.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return literals;
    }
}
