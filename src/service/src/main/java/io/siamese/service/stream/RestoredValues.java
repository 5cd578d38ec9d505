package io.siamese.service.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

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
        Map<String, Map<Integer, SortedSet<Long>>> wanted = new TreeMap<>();
        for (BufferedRecord r : restored.values()) {
            if (r.value() == null) {
                wanted.computeIfAbsent(r.topic(), t -> new TreeMap<>())
                        .computeIfAbsent(r.partition(), p -> new TreeSet<>()).add(r.offset());
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        try (InputRecords input = reader.get()) {
            List<Map.Entry<Long, BufferedRecord>> entries = new ArrayList<>(restored.entrySet());
            for (var topic : wanted.entrySet()) {
                for (var partition : topic.getValue().entrySet()) {
                    Map<Long, byte[]> values = input.values(topic.getKey(), partition.getKey(), partition.getValue());
                    for (Map.Entry<Long, BufferedRecord> e : entries) {
                        BufferedRecord r = e.getValue();
                        if (r.value() == null && r.topic().equals(topic.getKey()) && r.partition() == partition.getKey()
                                && values.containsKey(r.offset())) {
                            restored.put(e.getKey(), r.withValue(values.get(r.offset())));
                        }
                    }
                }
            }
        }
    }
}
