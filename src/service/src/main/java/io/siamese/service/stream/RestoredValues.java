package io.siamese.service.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Fills in the values of buffered records restored as references, from the input topic, one read per
 * partition. A record whose offset is no longer in its partition (retention removed it while the service was
 * down) keeps a null value: it becomes a dead letter when its batch is decoded, not a silent loss.
 */
final class RestoredValues {

    private RestoredValues() {}

    /**
     * @param restored buffered records by sequence; references are replaced by records with their values
     * @param reader opened only when there are references
     */
    static void fill(Map<Long, BufferedRecord> restored, Supplier<InputRecords> reader) {
        // Per partition, the sequence of the reference at each offset (one record per offset).
        Map<TopicPartition, TreeMap<Long, Long>> wanted = new HashMap<>();
        restored.forEach((seq, r) -> {
            if (r.value() == null) {
                wanted.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new TreeMap<>())
                        .put(r.offset(), seq);
            }
        });
        if (wanted.isEmpty()) {
            return;
        }
        try (InputRecords input = reader.get()) {
            wanted.forEach((tp, sequences) -> input.values(tp.topic(), tp.partition(), sequences.navigableKeySet())
                    .forEach((offset, value) -> {
                        Long seq = sequences.get(offset);
                        restored.put(seq, restored.get(seq).withValue(value));
                    }));
        }
    }
}
