package io.siamese.cli.faults;

import io.siamese.cli.faults.Input.Position;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The accounting of one scenario, by input.
 *
 * @param inputs       records published
 * @param results      results read for them (all results read, attributed or not)
 * @param deadLetters  dead letters read (all, attributed or not)
 * @param lost         inputs with neither a result nor a dead letter
 * @param duplicated   inputs with more than one outcome
 * @param misrouted    valid pairs dead-lettered, hostile records scored, and outcomes of no input
 * @param recoveredS   seconds from the fault's end to the first result seen after it; null if none
 * @param accountedS   seconds from the fault's end until every input had an outcome; null if never
 * @param deadLetterKinds dead letters by errorKind
 * @param examples     a few lost, duplicated or misrouted inputs, to start the investigation from
 */
public record Tally(long inputs, long results, long deadLetters, long lost, long duplicated, long misrouted,
                   Double recoveredS, Double accountedS, Map<String, Long> deadLetterKinds, List<String> examples) {

    private static final int EXAMPLES = 6;

    static Tally of(List<Input> inputs, Map<String, List<Long>> results, Map<Position, List<Long>> deadLetters,
                    Map<Position, String> kinds, long undecodable, long faultEnd) {
        long lost = 0;
        long duplicated = 0;
        long misrouted = undecodable;
        long accountedAt = Long.MIN_VALUE;
        List<String> examples = new ArrayList<>();
        Set<String> knownIds = new HashSet<>();
        Set<Position> knownPositions = new HashSet<>();
        for (Input input : inputs) {
            List<Long> scored = input.pairId() == null ? List.of() : results.getOrDefault(input.pairId(), List.of());
            List<Long> dead = deadLetters.getOrDefault(input.position(), List.of());
            knownPositions.add(input.position());
            if (input.pairId() != null) {
                knownIds.add(input.pairId());
            }
            String problem = null;
            if (scored.isEmpty() && dead.isEmpty()) {
                lost++;
                problem = "lost";
            } else {
                accountedAt = Math.max(accountedAt, first(scored, dead));
                if (scored.size() + dead.size() > 1) {
                    duplicated++;
                    problem = "duplicated x" + (scored.size() + dead.size());
                }
                if (input.expect() == Expect.RESULT && !dead.isEmpty()
                        || input.expect() == Expect.DEAD_LETTER && !scored.isEmpty()) {
                    misrouted++;
                    problem = scored.isEmpty() ? "dead-lettered " + kinds.get(input.position()) : "scored";
                }
            }
            if (problem != null && examples.size() < EXAMPLES) {
                examples.add(input.label() + "@" + input.partition() + ":" + input.offset() + " " + problem);
            }
        }
        long strayResults = results.keySet().stream().filter(id -> !knownIds.contains(id)).count();
        long strayDeadLetters = deadLetters.keySet().stream().filter(p -> !knownPositions.contains(p)).count();
        misrouted += strayResults + strayDeadLetters;
        if (strayResults + strayDeadLetters + undecodable > 0) {
            examples.add(strayResults + " results and " + strayDeadLetters + " dead letters of no input, "
                    + undecodable + " undecodable");
        }
        Map<String, Long> byKind = new TreeMap<>();
        deadLetters.forEach((position, seen) -> byKind.merge(kinds.get(position), (long) seen.size(), Long::sum));
        long firstAfter = results.values().stream().flatMap(List::stream).filter(t -> t >= faultEnd)
                .mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
        return new Tally(inputs.size(), count(results), count(deadLetters), lost, duplicated, misrouted,
                seconds(firstAfter, faultEnd), lost > 0 ? null : seconds(accountedAt, faultEnd), byKind, examples);
    }

    private static long first(List<Long> a, List<Long> b) {
        long min = Long.MAX_VALUE;
        for (long t : a) {
            min = Math.min(min, t);
        }
        for (long t : b) {
            min = Math.min(min, t);
        }
        return min;
    }

    private static long count(Map<?, List<Long>> outcomes) {
        return outcomes.values().stream().mapToLong(List::size).sum();
    }

    /** @return seconds from {@code from} to {@code at} (0 when it was before), null when it never happened */
    private static Double seconds(long at, long from) {
        return at == Long.MIN_VALUE ? null : Math.round(Math.max(0, at - from) / 1e7) / 100.0;
    }
}
