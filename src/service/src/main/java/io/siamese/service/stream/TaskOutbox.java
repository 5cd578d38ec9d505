package io.siamese.service.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one stream task owes the output: the results of its pairs scored in a shared batch, and the
 * dead letters of its pairs rejected when the batch was decoded. A batch mixes the pairs of every
 * task of a stream thread ({@link StreamThreadBatches}), but Kafka Streams lets a task forward
 * records only while it processes or punctuates, so each task drains its own outbox then, in the
 * order the outcomes arrived (per-key order holds: a key's pairs are all in one task, in arrival
 * order, and batches finish in submission order).
 *
 * <p>One outbox per task incarnation: a task closed (revoked, or closed dirty and revived) closes
 * its outbox, and outcomes that arrive for it later are dropped; its pairs are still in its buffer
 * store, so whichever instance owns the task next scores them again. Only the stream thread touches it.
 */
final class TaskOutbox {

    /**
     * An outcome owed: the result of member {@code index} of {@code batch}, or, when {@code rejected}
     * is set, the dead letter of {@code record}.
     *
     * @param sequence the pair's key in the task's buffer store, deleted when the outcome is forwarded
     */
    record Outcome(long sequence, BufferedRecord record, InflightBatches.Batch batch, int index,
            RejectedRecord rejected) {}

    private final String task;
    private final ArrayDeque<Outcome> owed = new ArrayDeque<>();
    private boolean closed;

    /** @param task the task's id, for logs */
    TaskOutbox(String task) {
        this.task = task;
    }

    /** Member {@code index} of a finished batch is this task's: its result (or dead letter) is owed. */
    void scored(InflightBatches.Batch batch, int index) {
        if (!closed) {
            InflightBatches.Member m = batch.members().get(index);
            owed.add(new Outcome(m.sequence(), m.record(), batch, index, null));
        }
    }

    /** A pair of this task was rejected when its batch was decoded: its dead letter is owed. */
    void rejected(long sequence, BufferedRecord record, RejectedRecord why) {
        if (!closed) {
            owed.add(new Outcome(sequence, record, null, -1, why));
        }
    }

    /** Takes every outcome owed, oldest first. */
    List<Outcome> drain() {
        List<Outcome> out = new ArrayList<>(owed);
        owed.clear();
        return out;
    }

    /** The task closed: nothing more is owed through this outbox. */
    void close() {
        closed = true;
        owed.clear();
    }

    @Override
    public String toString() {
        return "task " + task;
    }
}
