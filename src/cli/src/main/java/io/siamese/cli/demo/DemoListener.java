package io.siamese.cli.demo;

import io.siamese.cli.tail.StreamSnapshot;

/** What a {@link DemoRun} reports while it runs; the command line turns it into messages and a live line. */
public interface DemoListener {

    /** A listener that shows nothing. */
    DemoListener SILENT = new DemoListener() {
        @Override
        public void stage(String message) {
        }

        @Override
        public void progress(long published, StreamSnapshot stats) {
        }
    };

    /**
     * A step of the set-up or tear-down began, e.g. "starting Kafka and the schema registry".
     *
     * @param message what is happening
     */
    void stage(String message);

    /**
     * Something happened while pairs flow (e.g. the trainer promoted a model); unlike {@link #stage} the live
     * figures go on afterwards.
     *
     * @param message what happened
     */
    default void event(String message) {
        stage(message);
    }

    /**
     * Called a few times a second while pairs flow, and once at the end.
     *
     * @param published pairs the broker has acknowledged so far
     * @param stats     results and dead letters received so far
     */
    void progress(long published, StreamSnapshot stats);
}
