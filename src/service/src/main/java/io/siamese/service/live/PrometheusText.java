package io.siamese.service.live;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads samples out of the Prometheus text exposition format (version 0.0.4), enough for the
 * trainer's gauges: {@code name{labels} value [timestamp]} lines, comments skipped.
 */
final class PrometheusText {

    private PrometheusText() {}

    /**
     * Samples whose metric name starts with {@code prefix}, keyed by the series as written
     * ({@code name} or {@code name{labels}}), in order, at most {@code limit}. Unreadable lines are skipped.
     */
    static Map<String, Double> samples(String text, String prefix, int limit) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(prefix)) {
                continue;
            }
            int end = seriesEnd(line);
            if (end < 0 || end >= line.length()) {
                continue;
            }
            String[] rest = line.substring(end).strip().split("\\s+");
            Double value = parse(rest[0]);
            if (value != null && out.size() < limit) {
                out.put(line.substring(0, end), value);
            }
        }
        return out;
    }

    /** The first sample of the metric called exactly {@code name}, labels or not; null when absent. */
    static Double first(String text, String name) {
        for (Map.Entry<String, Double> e : samples(text, name, Integer.MAX_VALUE).entrySet()) {
            String series = e.getKey();
            if (series.equals(name) || series.startsWith(name + "{")) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Index just past the series name and its labels (quotes may hold braces), or -1. */
    private static int seriesEnd(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i == line.length() || line.charAt(i) != '{') {
            return i;
        }
        boolean quoted = false;
        for (i++; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i + 1;
            }
        }
        return -1;
    }

    private static Double parse(String token) {
        return switch (token) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
        };
    }
}
