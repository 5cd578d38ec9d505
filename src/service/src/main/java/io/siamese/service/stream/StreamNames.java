package io.siamese.service.stream;

/** Names of the topology's nodes and stores, shared with the tests. */
public final class StreamNames {

    /** Source node reading image pairs. */
    public static final String SOURCE = "image-pairs-source";
    /** The batching processor. */
    public static final String PROCESSOR = "pair-batcher";
    /** Changelogged store of pairs received and not yet scored. */
    public static final String BUFFER_STORE = "pair-buffer";
    /** Sink of results. */
    public static final String RESULTS_SINK = "results-sink";
    /** Sink of dead letters. */
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private StreamNames() {}
}
