package io.siamese.service.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition: sample names with their label names, and metric families with their types. */
final class PrometheusScrape {

    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)");

    private final Map<String, Set<String>> samples = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();

    static PrometheusScrape parse(String text) {
        PrometheusScrape s = new PrometheusScrape();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher t = TYPE.matcher(line);
                if (t.find()) {
                    s.types.put(t.group(1), t.group(2));
                }
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int end = brace >= 0 && (space < 0 || brace < space) ? brace : space;
            String name = end < 0 ? line : line.substring(0, end);
            Set<String> labels = s.samples.computeIfAbsent(name, k -> new TreeSet<>());
            if (end == brace && brace >= 0) {
                Matcher l = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
        }
        return s;
    }

    boolean has(String sample) {
        return samples.containsKey(sample);
    }

    /** Label names seen on any sample of that name (empty when absent). */
    Set<String> labels(String sample) {
        return samples.getOrDefault(sample, Set.of());
    }

    Set<String> sampleNames() {
        return samples.keySet();
    }

    /**
     * The family a sample name belongs to, by its TYPE line: {@code x_bucket}/{@code x_sum}/{@code x_count} of a
     * histogram or summary {@code x}, {@code x_total} of a counter {@code x} (or {@code x_total}), else itself.
     */
    Optional<String> family(String sample) {
        if (types.containsKey(sample)) {
            return Optional.of(sample);
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count", "_total", "_created", "_max"}) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if (types.containsKey(base)) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** Why a sample is missing, as a hint for the failure message. */
    String explainMissing(String sample) {
        Optional<String> family = family(sample);
        if (family.isPresent()) {
            String type = types.get(family.get());
            if (sample.endsWith("_bucket") && !"histogram".equals(type)) {
                return sample + ": family " + family.get() + " is a " + type + " without buckets"
                        + " (publishPercentileHistogram() or serviceLevelObjectives(...) on the meter)";
            }
            return sample + ": family " + family.get() + " (" + type + ") has no sample of that name yet"
                    + " (a meter with tags appears only after its first event: register it at start)";
        }
        return sample + ": no such family in the scrape";
    }
}
