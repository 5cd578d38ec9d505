package io.siamese.service.stream;

import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.BatchScores;
import io.siamese.service.model.ServedModel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A {@link FakeEncoder} that scores a batch only when the test lets it: one permit of {@link #gate} per batch. */
final class GatedEncoder implements BatchEncoder {

    final FakeEncoder inner = new FakeEncoder();
    final Semaphore gate;

    /** @param permits batches scored before the gate must be released */
    GatedEncoder(int permits) {
        this.gate = new Semaphore(permits);
    }

    /** A closed gate. */
    GatedEncoder() {
        this(0);
    }

    @Override
    public BatchScores score(float[][] left, float[][] right) {
        try {
            if (!gate.tryAcquire(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the gate was never opened: a batch was scored where it should not be");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        synchronized (inner) {
            return inner.score(left, right);
        }
    }

    @Override
    public ServedModel current() {
        return inner.current();
    }
}
