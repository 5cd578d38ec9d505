package io.siamese.cli.tail;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.PairDissimilarity;

/** Receives what a {@link ResultTail} reads, on the tail's thread. */
public interface TailListener {

    /**
     * A result arrived.
     *
     * @param key        the record key (the pair id), decoded from either key format; may be null
     * @param result     the result
     * @param receivedAt when this consumer received it, epoch milliseconds
     */
    void onResult(String key, PairDissimilarity result, long receivedAt);

    /**
     * A dead letter arrived (only when the tail reads the dead-letter topic).
     *
     * @param key        the record key, decoded from either key format; may be null
     * @param deadLetter the dead letter
     * @param receivedAt when this consumer received it, epoch milliseconds
     */
    void onDeadLetter(String key, DeadLetter deadLetter, long receivedAt);

    /**
     * A record could not be read (not Avro, unknown schema, ...). The default ignores it: a tail reports,
     * it must not stop on one bad record.
     *
     * @param topic  its topic
     * @param partition its partition
     * @param offset its offset
     * @param error  why
     */
    default void onUnreadable(String topic, int partition, long offset, Exception error) {
    }
}
