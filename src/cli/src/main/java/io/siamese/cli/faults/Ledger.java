package io.siamese.cli.faults;

import io.siamese.cli.faults.Input.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts for every input of one scenario: what was published (from the producer's acknowledgements) and
 * what came back (results by pair id, dead letters by source partition and offset), with the time each
 * outcome was seen. Outcomes are kept as they arrive and joined to inputs only when counted, so an outcome
 * read before its input's acknowledgement is still attributed. Thread-safe; waiters are woken on each change.
 */
final class Ledger {

    private final List<Input> inputs = new ArrayList<>();
    private final Map<String, List<Long>> results = new HashMap<>();
    private final Map<Position, List<Long>> deadLetters = new HashMap<>();
    private final Map<Position, String> deadLetterKinds = new HashMap<>();
    private long undecodable;

    synchronized void published(Input input) {
        inputs.add(input);
        notifyAll();
    }

    synchronized void result(String pairId, long seenNanos) {
        results.computeIfAbsent(pairId, id -> new ArrayList<>()).add(seenNanos);
        notifyAll();
    }

    synchronized void deadLetter(Position source, String errorKind, long seenNanos) {
        deadLetters.computeIfAbsent(source, p -> new ArrayList<>()).add(seenNanos);
        deadLetterKinds.put(source, errorKind);
        notifyAll();
    }

    /** An output record the reader could not decode: attributed to nothing, so it fails the scenario. */
    synchronized void undecodable() {
        undecodable++;
        notifyAll();
    }

    /** @return how many results for {@code pairId} have been read */
    synchronized int resultsFor(String pairId) {
        return results.getOrDefault(pairId, List.of()).size();
    }

    /** @return the number of results read so far */
    synchronized long resultCount() {
        return results.values().stream().mapToLong(List::size).sum();
    }

    /** @return the number of inputs acknowledged so far */
    synchronized int inputCount() {
        return inputs.size();
    }

    /** @return whether every input acknowledged so far has at least one outcome */
    synchronized boolean allAccounted() {
        return inputs.stream().allMatch(input -> outcomes(input) > 0);
    }

    /**
     * Waits until {@code condition} holds, re-checking on every new input or outcome.
     *
     * @return whether it held before {@code deadlineNanos} ({@link System#nanoTime()})
     */
    synchronized boolean await(java.util.function.BooleanSupplier condition, long deadlineNanos)
            throws InterruptedException {
        for (long left = deadlineNanos - System.nanoTime(); !condition.getAsBoolean(); left = deadlineNanos
                - System.nanoTime()) {
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 500)));
        }
        return true;
    }

    /** @return the counts so far; {@code faultEndNanos} dates the recovery figures */
    synchronized Tally tally(long faultEndNanos) {
        return Tally.of(List.copyOf(inputs), Map.copyOf(results), Map.copyOf(deadLetters),
                Map.copyOf(deadLetterKinds), undecodable, faultEndNanos);
    }

    private int outcomes(Input input) {
        int fromResults = input.pairId() == null ? 0 : results.getOrDefault(input.pairId(), List.of()).size();
        return fromResults + deadLetters.getOrDefault(input.position(), List.of()).size();
    }
}
