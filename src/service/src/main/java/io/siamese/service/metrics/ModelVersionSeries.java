package io.siamese.service.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Keeps the series labelled {@code model_version} to the last few versions served. Each promoted model
 * would otherwise add its series for the life of the process (and of every Prometheus that scrapes it),
 * while dashboards and alerts only compare the model served with the one before it.
 */
final class ModelVersionSeries {

    static final String TAG = "model_version";

    private final MeterRegistry registry;
    private final int kept;
    private final List<String> meterNames;
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private volatile String current;

    /**
     * @param kept how many versions keep their series (at least 1)
     * @param meterNames the meters tagged with the version
     */
    ModelVersionSeries(MeterRegistry registry, int kept, String... meterNames) {
        if (kept < 1) {
            throw new IllegalArgumentException("at least one model version keeps its series, got " + kept);
        }
        this.registry = registry;
        this.kept = kept;
        this.meterNames = List.of(meterNames);
    }

    /** A result of {@code version} is about to be recorded: drops the series of the versions now too old. */
    void served(String version) {
        if (version.equals(current)) {
            return; // the common case, without a lock
        }
        synchronized (this) {
            if (version.equals(current)) {
                return;
            }
            current = version;
            recent.remove(version);
            recent.addLast(version);
            while (recent.size() > kept) {
                String old = recent.pollFirst();
                for (String name : meterNames) {
                    registry.find(name).tag(TAG, old).meters().forEach(registry::remove);
                }
            }
        }
    }
}
