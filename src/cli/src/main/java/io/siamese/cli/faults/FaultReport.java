package io.siamese.cli.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The suite's results as a table for people and as the {@code --json} object for scripts and CI. */
public final class FaultReport {

    private static final String ROW = "%-19s %6s %7s %5s %4s %4s %9s %9s %9s %4s %5s %7s  %s%n";

    private FaultReport() {
    }

    /** @return a table: one row per scenario, then each scenario's details, checks and examples */
    public static String table(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, ROW, "scenario", "inputs", "results",
                "dlq", "lost", "dup", "misrouted", "recover_s", "account_s", "live", "ready", "serving", "ok"));
        for (ScenarioResult r : results) {
            Tally t = r.tally();
            out.append(String.format(Locale.ROOT, ROW, r.name(), t.inputs(), t.results(), t.deadLetters(), t.lost(),
                    t.duplicated(), t.misrouted(), t.recoveredS(), t.accountedS(), yes(r.alive()), yes(r.ready()),
                    yes(r.serving()), r.ok() ? "ok" : "NOT OK"));
        }
        for (ScenarioResult r : results) {
            out.append(String.format(Locale.ROOT, "%n%s (%.0f s): %s%n", r.name(), r.seconds(), r.description()));
            r.checks().forEach((name, passed) -> out.append("  check ").append(name).append(": ")
                    .append(passed ? "pass" : "FAIL").append('\n'));
            r.details().forEach((name, value) -> out.append("  ").append(name).append(": ").append(value).append('\n'));
            out.append("  dead letters by kind: ").append(r.tally().deadLetterKinds()).append('\n');
            r.tally().examples().forEach(e -> out.append("  e.g. ").append(e).append('\n'));
            if (r.error() != null) {
                out.append("  ERROR: ").append(r.error()).append('\n');
            }
        }
        return out.toString();
    }

    /** @return one line of counts, for progress messages */
    static String summary(ScenarioResult r) {
        Tally t = r.tally();
        return t.inputs() + " inputs, " + t.results() + " results, " + t.deadLetters() + " dead letters, " + t.lost()
                + " lost, " + t.duplicated() + " duplicated, " + t.misrouted() + " misrouted"
                + (r.error() == null ? "" : "; " + r.error());
    }

    /** @return {@code {"scenarios":[...],"lost":N,"duplicated":N,"ok":bool}} as maps and lists for JSON */
    public static Map<String, Object> json(List<ScenarioResult> results) {
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (ScenarioResult r : results) {
            Tally t = r.tally();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", r.name());
            s.put("inputs", t.inputs());
            s.put("results", t.results());
            s.put("dead_letters", t.deadLetters());
            s.put("lost", t.lost());
            s.put("duplicated", t.duplicated());
            s.put("misrouted", t.misrouted());
            s.put("recovered_s", t.recoveredS());
            s.put("accounted_s", t.accountedS());
            s.put("alive", r.alive());
            s.put("ready", r.ready());
            s.put("serving", r.serving());
            s.put("checks", r.checks());
            s.put("details", r.details());
            s.put("dead_letter_kinds", t.deadLetterKinds());
            s.put("error", r.error());
            s.put("seconds", Math.round(r.seconds()));
            s.put("ok", r.ok());
            scenarios.add(s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenarios", scenarios);
        out.put("lost", results.stream().mapToLong(r -> r.tally().lost()).sum());
        out.put("duplicated", results.stream().mapToLong(r -> r.tally().duplicated()).sum());
        out.put("ok", results.stream().allMatch(ScenarioResult::ok));
        return out;
    }

    private static String yes(boolean value) {
        return value ? "yes" : "NO";
    }
}
