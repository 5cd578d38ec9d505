package io.siamese.service.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL to list what a dashboard query or an alert rule reads: the metric (sample) names, the labels
 * its selectors match on (and the values they match), and the labels it aggregates by. Function and aggregation
 * names are told from metric names by the parenthesis that follows them; keywords are listed.
 */
final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");
    private static final Pattern MATCHER_WITH_VALUE =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)");

    private PromQl() {}

    /** The metric names an expression reads. */
    static Set<String> metrics(String expr) {
        String e = GROUPING.matcher(expr).replaceAll(" ");
        e = e.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ").replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ");
        e = e.replaceAll("\\$\\{?[A-Za-z0-9_]+}?", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(e);
        while (m.find()) {
            String token = m.group();
            int next = m.end();
            while (next < e.length() && Character.isWhitespace(e.charAt(next))) {
                next++;
            }
            boolean call = next < e.length() && e.charAt(next) == '(';
            boolean number = m.start() > 0 && (Character.isDigit(e.charAt(m.start() - 1)) || e.charAt(m.start() - 1) == '.');
            if (!call && !number && !KEYWORDS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
                names.add(token);
            }
        }
        return names;
    }

    /** For each selector {@code metric{...}}, the label names it matches on. */
    static Map<String, Set<String>> selectorLabels(String expr) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Matcher s = SELECTOR.matcher(expr);
        while (s.find()) {
            Set<String> labels = out.computeIfAbsent(s.group(1), k -> new LinkedHashSet<>());
            Matcher m = MATCHER.matcher(s.group(2));
            while (m.find()) {
                labels.add(m.group(1));
            }
        }
        return out;
    }

    /** One label matcher {@code label op "value"} of the selector of {@code metric}; the value as written. */
    record LabelMatcher(String metric, String label, String op, String value) {}

    /** Every label matcher of every selector {@code metric{...}}, in the order they are written. */
    static List<LabelMatcher> labelMatchers(String expr) {
        List<LabelMatcher> out = new ArrayList<>();
        Matcher s = SELECTOR.matcher(expr);
        while (s.find()) {
            Matcher m = MATCHER_WITH_VALUE.matcher(s.group(2));
            while (m.find()) {
                out.add(new LabelMatcher(s.group(1), m.group(1), m.group(2), m.group(3)));
            }
        }
        return out;
    }

    /** The label names of {@code by (...)}, {@code without (...)}, {@code on (...)} and friends. */
    static Set<String> groupingLabels(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher g = GROUPING.matcher(expr);
        while (g.find()) {
            for (String l : g.group(2).split(",")) {
                if (!l.isBlank()) {
                    labels.add(l.strip());
                }
            }
        }
        return labels;
    }

    /** The metric of a Grafana {@code label_values(metric, label)} variable query, if it is one. */
    static Set<String> variableMetrics(String query) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = LABEL_VALUES.matcher(query);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
