package io.siamese.service.model;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Versions whose files were missing or incomplete when they were to be loaded (announced before the copy
 * into the store finished, say). Each is tried again after a growing delay ({@link RetryBackoff}) until
 * it loads or fails for a reason that cannot change. Not thread-safe: {@link ModelLifecycle} holds its lock.
 */
final class FileWaits {

    /**
     * @param reason the latest failure
     * @param since the first failure
     * @param attempts failed attempts
     * @param next earliest next attempt
     */
    record Wait(String reason, Instant since, int attempts, Instant next) {}

    private final Map<String, Wait> waits = new LinkedHashMap<>();
    private final RetryBackoff backoff;
    private final Clock clock;

    FileWaits(RetryBackoff backoff, Clock clock) {
        this.backoff = backoff;
        this.clock = clock;
    }

    /** An attempt failed on incomplete files; returns the wait now recorded. */
    Wait failed(String version, String reason) {
        Wait before = waits.get(version);
        Instant now = clock.instant();
        int attempts = before == null ? 1 : before.attempts() + 1;
        Wait w = new Wait(reason, before == null ? now : before.since(), attempts, now.plus(backoff.delay(attempts)));
        waits.put(version, w);
        return w;
    }

    /** Whether {@code version} must not be tried yet. */
    boolean blocked(String version) {
        Wait w = waits.get(version);
        return w != null && clock.instant().isBefore(w.next());
    }

    /** Forgets {@code version} (it loaded, or was rejected for good); returns its wait, if it had one. */
    Optional<Wait> done(String version) {
        return Optional.ofNullable(waits.remove(version));
    }

    /** Why {@code version} is waiting, if it is. */
    Optional<String> reason(String version) {
        return Optional.ofNullable(waits.get(version)).map(Wait::reason);
    }

    /** For the API: version -> reason, since, attempts, next attempt. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        waits.forEach((v, w) -> out.put(v, Map.of("reason", w.reason(), "since", w.since().toString(),
                "attempts", w.attempts(), "nextAttempt", w.next().toString())));
        return out;
    }
}
