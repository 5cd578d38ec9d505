package io.siamese.service.live;

import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.CheckpointFollower;
import io.siamese.service.model.ServedModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/live}: one snapshot of everything the live page at {@code /} draws, which it
 * polls every second. Cheap: copies of small fixed-size buffers, no Kafka or model calls.
 */
@Path("/api/v1/live")
public class LiveResource {

    private final LiveFeed feed;
    private final BatchEncoder encoder;
    private final CheckpointFollower follower;
    private final TrainerLossFeed trainer;

    LiveResource(LiveFeed feed, BatchEncoder encoder, CheckpointFollower follower, TrainerLossFeed trainer) {
        this.feed = feed;
        this.encoder = encoder;
        this.follower = follower;
        this.trainer = trainer;
    }

    /**
     * The snapshot: {@code model}, {@code lifecycle} (null when no checkpoint store is followed),
     * the feed's figures ({@code throughput}, {@code latency}, {@code batches}, {@code pairs},
     * {@code distances}, {@code servedVersions}, {@code deadLetters}, {@code received}) and {@code trainer}.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> live() {
        ServedModel m = encoder.current();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("version", m.version());
        model.put("architecture", m.architecture());
        model.put("distance", m.distance());
        model.put("threshold", m.threshold());
        model.put("inputSize", m.preprocessing().width() + "x" + m.preprocessing().height());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("lifecycle", follower.lifecycle().map(l -> l.describe()).orElse(null));
        out.putAll(feed.snapshot(m.version(), m.threshold()));
        out.put("trainer", trainer.snapshot());
        return out;
    }
}
