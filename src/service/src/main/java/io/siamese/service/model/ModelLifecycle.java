package io.siamese.service.model;

import ai.djl.Device;
import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.CheckpointException;
import io.siamese.encoder.checkpoint.CheckpointStore;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.schemas.ModelCheckpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Decides which checkpoint is served and swaps it in: the operator's pin if there is one, else the
 * newest announced version that has not been rejected. A version is loaded only from the
 * configured store. When its files are missing or incomplete (no directory, no or an unreadable
 * manifest, missing or truncated parameters, a sha256 that does not match: a copy still in progress)
 * it waits and is tried again with a growing delay ({@link FileWaits}) until it loads. It is rejected for
 * good (with a reason, a log line and a metric) when it can never load: announced with another sha256,
 * an unsupported manifest, weights that do not fit, incompatible with the served preprocessing, or a
 * failed warm-up. Either way the current model keeps serving.
 */
public final class ModelLifecycle implements CheckpointTopicReader.Sink {

    private static final Logger LOG = Logger.getLogger(ModelLifecycle.class);

    /** What happened to a version, for the API and the metrics. */
    public interface Listener {
        /** A version was swapped in. */
        default void swapped(String from, String to) {}

        /** A version was rejected for good. */
        default void rejected(String version, String reason) {}

        /** A version's files were missing or incomplete for the first time; it will be tried again. */
        default void waiting(String version, String reason) {}
    }

    /** Newest = latest creation time; version id breaks ties. */
    private static final java.util.Comparator<ModelCheckpoint> NEWEST =
            java.util.Comparator.comparing(ModelCheckpoint::getCreatedAt).thenComparing(ModelCheckpoint::getVersion);

    private final ModelService models;
    private final CheckpointStore store;
    private final Device device;
    private final Listener listener;
    private final TreeMap<String, ModelCheckpoint> announced = new TreeMap<>();
    private final Map<String, String> rejected = new LinkedHashMap<>();
    private final FileWaits waits;
    private final List<Map<String, Object>> history = new ArrayList<>();
    private String pinned;

    public ModelLifecycle(ModelService models, CheckpointStore store, Device device, Listener listener) {
        this(models, store, device, listener, RetryBackoff.DEFAULT, Clock.systemUTC());
    }

    ModelLifecycle(ModelService models, CheckpointStore store, Device device, Listener listener, RetryBackoff backoff,
            Clock clock) {
        this.waits = new FileWaits(backoff, clock);
        this.models = models;
        this.store = store;
        this.device = device;
        this.listener = listener;
        record(models.current().version(), "start");
    }

    /** A checkpoint was announced. */
    @Override
    public synchronized void announced(ModelCheckpoint event) {
        announced.put(event.getVersion(), event);
    }

    /** The operator pinned a version (null: unpinned, follow the newest). */
    @Override
    public synchronized void pin(String version) {
        this.pinned = version;
    }

    /** The version that should be served now, if any is known. */
    public synchronized Optional<String> target() {
        if (pinned != null) {
            return Optional.of(pinned);
        }
        return announced.values().stream()
                .filter(e -> !rejected.containsKey(e.getVersion()) && !waits.blocked(e.getVersion()))
                .max(NEWEST)
                .map(ModelCheckpoint::getVersion);
    }

    /**
     * Swaps to the target when it differs from what is served; a version waiting for its files is tried when
     * its delay is over. Runs off the stream threads.
     */
    @Override
    public synchronized void apply() {
        while (true) {
            Optional<String> target = target();
            String current = models.current().version();
            if (target.isEmpty() || target.get().equals(current) || rejected.containsKey(target.get())
                    || waits.blocked(target.get())) {
                return;
            }
            String version = target.get();
            try {
                Checkpoint next = load(version);
                ServedModel old = models.swap(next);
                waits.done(version).ifPresent(w -> LOG.infof("checkpoint %s is complete after %d attempts since %s",
                        version, w.attempts() + 1, w.since()));
                record(version, pinned != null ? "pinned" : "newest");
                LOG.infof("model %s -> %s (%s)", old.version(), version, pinned != null ? "pinned" : "newest announced");
                listener.swapped(old.version(), version);
                return;
            } catch (CheckpointException e) {
                if (!e.filesIncomplete()) {
                    reject(version, current, e);
                } else if (waits.failed(version, e.getMessage()).attempts() == 1) {
                    LOG.warnf("checkpoint %s is not complete yet, %s keeps serving; retrying with backoff: %s",
                            version, current, e.getMessage());
                    listener.waiting(version, e.getMessage());
                }
                if (version.equals(pinned)) {
                    return;
                }
            } catch (RuntimeException e) {
                reject(version, current, e);
                if (version.equals(pinned)) {
                    return;
                }
            }
        }
    }

    private void reject(String version, String current, RuntimeException e) {
        waits.done(version);
        rejected.put(version, e.getMessage());
        LOG.errorf("checkpoint %s rejected, %s keeps serving: %s", version, current, e.getMessage());
        listener.rejected(version, e.getMessage());
    }

    private Checkpoint load(String version) {
        ModelCheckpoint event = announced.get(version);
        var dir = store.open(version).orElseThrow(() -> CheckpointException.incomplete(
                "version " + version + " is not in the checkpoint store " + store.describe(), null));
        var manifest = Checkpoints.readManifest(dir);
        if (event != null && !event.getSha256().equalsIgnoreCase(manifest.parametersSha256())) {
            throw new IllegalStateException("announced sha256 " + event.getSha256() + " differs from the stored "
                    + manifest.parametersSha256());
        }
        Checkpoint c = Checkpoints.load(dir, device);
        ServedModel current = models.current();
        if (!c.model().preprocessing().equals(current.preprocessing())) {
            c.close();
            throw new IllegalStateException("incompatible preprocessing " + c.model().preprocessing()
                    + " (served: " + current.preprocessing() + ")");
        }
        return c;
    }

    private void record(String version, String why) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("version", version);
        h.put("since", Instant.now().toString());
        h.put("reason", why);
        history.add(h);
    }

    /** The lifecycle for the API: pin, history, rejections, known versions. */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pinned", pinned);
        out.put("history", List.copyOf(history));
        out.put("rejected", new LinkedHashMap<>(rejected));
        out.put("waitingForFiles", waits.describe());
        out.put("announced", announcedVersions());
        return out;
    }

    /** The newest non-rejected version announced before the one served, for a rollback. */
    public synchronized Optional<String> previous() {
        List<String> versions = announcedVersions();
        int at = versions.indexOf(models.current().version());
        for (int i = at - 1; i >= 0; i--) {
            if (!rejected.containsKey(versions.get(i)) && waits.reason(versions.get(i)).isEmpty()) {
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }

    /** @return why {@code version} was rejected on this instance, if it was */
    public synchronized Optional<String> rejection(String version) {
        return Optional.ofNullable(rejected.get(version));
    }

    /** @return why {@code version} cannot be loaded yet on this instance, if it is waiting for its files */
    public synchronized Optional<String> waitingForFiles(String version) {
        return waits.reason(version);
    }

    /** Versions announced, oldest first. */
    @Override
    public synchronized List<String> announcedVersions() {
        return announced.values().stream().sorted(NEWEST).map(ModelCheckpoint::getVersion).toList();
    }
}
