package io.siamese.service.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which model versions actually scored pairs, and when: the first and last result of each and how
 * many. Complements the lifecycle's history (what was swapped in), and works without a checkpoint
 * store. Keeps the last {@value #MAX} versions.
 */
final class ServedVersions {

    static final int MAX = 16;

    /** Results of one version. */
    private static final class Served {
        final long first;
        long last;
        long results;

        Served(long first) {
            this.first = first;
        }
    }

    private final LinkedHashMap<String, Served> versions = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Served> eldest) {
            return size() > MAX;
        }
    };

    /** Counts one result of {@code version} at {@code nowMillis}. */
    synchronized void add(String version, long nowMillis) {
        Served s = versions.computeIfAbsent(version, v -> new Served(nowMillis));
        s.last = nowMillis;
        s.results++;
    }

    /** Versions in the order they first scored a pair. */
    synchronized List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>(versions.size());
        versions.forEach((version, s) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", version);
            m.put("firstResultAt", s.first);
            m.put("lastResultAt", s.last);
            m.put("results", s.results);
            out.add(m);
        });
        return out;
    }
}
