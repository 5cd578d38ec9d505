package io.siamese.service.api;

import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.CheckpointFollower;
import io.siamese.service.model.ServedModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/model}: the model being served. */
@Path("/api/v1/model")
public class ModelResource {

    private final BatchEncoder encoder;
    private final CheckpointFollower follower;

    ModelResource(BatchEncoder encoder, CheckpointFollower follower) {
        this.encoder = encoder;
        this.follower = follower;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> model() {
        ServedModel m = encoder.current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", m.version());
        out.put("architecture", m.architecture());
        out.put("distance", m.distance());
        out.put("threshold", m.threshold());
        out.put("inputSize", m.preprocessing().width());
        out.put("invert", m.preprocessing().invert());
        out.put("location", m.location());
        follower.lifecycle().ifPresent(l -> out.putAll(l.describe()));
        return out;
    }
}
