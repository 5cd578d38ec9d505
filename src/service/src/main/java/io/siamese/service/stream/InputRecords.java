package io.siamese.service.stream;

import java.util.Map;
import java.util.SortedSet;

/**
 * Reads records back from an input topic by offset: how the values of pairs buffered before a crash return,
 * since the buffer store's changelog keeps only references ({@link BufferedRecord#toReferenceBytes()}).
 */
interface InputRecords extends AutoCloseable {

    /** Opens a reader for a task, from the application's Kafka Streams configuration. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param appConfigs the Kafka Streams configuration ({@code ProcessorContext.appConfigs()})
         * @param clientId the reader's client id
         */
        InputRecords open(Map<String, Object> appConfigs, String clientId);
    }

    /**
     * @param topic input topic
     * @param partition its partition
     * @param offsets the offsets wanted
     * @return the value of each offset still in the partition; an offset retention removed is absent
     * @throws RuntimeException when the partition cannot be read (the task then fails and is retried)
     */
    Map<Long, byte[]> values(String topic, int partition, SortedSet<Long> offsets);

    @Override
    void close();
}
