package io.siamese.service.api;

import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.service.config.KafkaClientSettings;
import io.siamese.service.config.ServiceConfig;
import io.siamese.service.model.CheckpointFollower;
import io.siamese.service.model.ModelLifecycle;
import io.siamese.service.stream.RegistrySettings;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Operator endpoints: pin a version, unpin, roll back to the previous version. They write the pin to
 * the compacted checkpoint topic, so every instance follows it and it survives restarts. They need
 * {@code Authorization: Bearer <siamese.admin.token>}; with no token configured they are off.
 */
@Path("/api/v1/model")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final String PUBLISHED = "published; every instance follows within a poll";

    private final ServiceConfig config;
    private final CheckpointFollower follower;
    private final KafkaClientSettings clients;

    AdminResource(ServiceConfig config, CheckpointFollower follower, KafkaClientSettings clients) {
        this.config = config;
        this.follower = follower;
        this.clients = clients;
    }

    /**
     * Pins {@code version}; every instance serves it until unpinned. The version must be announced (404), and
     * not rejected here (409): a pin to a version this instance refused would be accepted and then do nothing.
     * A version waiting for its files (announced before they were complete in the store) is accepted with 202
     * and a status saying so: it is tried again with backoff and served as soon as its files are complete,
     * and the pin makes it the target meanwhile (the current model serves until then). Should its files turn
     * out to be unusable once complete, it is rejected like any other version and the current model stays.
     */
    @POST
    @Path("/pin/{version}")
    public Response pin(@HeaderParam("Authorization") String auth, @jakarta.ws.rs.PathParam("version") String version) {
        Response denied = authorize(auth);
        if (denied != null) {
            return denied;
        }
        ModelLifecycle lifecycle = follower.lifecycle().orElseThrow();
        if (!lifecycle.announcedVersions().contains(version)) {
            return error(404, "version " + version + " was never announced; known: " + lifecycle.announcedVersions());
        }
        Optional<String> rejection = lifecycle.rejection(version);
        if (rejection.isPresent()) {
            return error(409, "version " + version + " was rejected: " + rejection.get());
        }
        return publishPin(version, lifecycle.waitingForFiles(version)
                .map(why -> "published; version " + version + " is waiting for its files and is served once they are"
                        + " complete (" + why + ")")
                .orElse(PUBLISHED));
    }

    /** Unpins: instances follow the newest accepted version again. */
    @DELETE
    @Path("/pin")
    public Response unpin(@HeaderParam("Authorization") String auth) {
        Response denied = authorize(auth);
        return denied != null ? denied : publishPin(null, PUBLISHED);
    }

    /** Pins the newest accepted version announced before the one now served. */
    @POST
    @Path("/rollback")
    public Response rollback(@HeaderParam("Authorization") String auth) {
        Response denied = authorize(auth);
        if (denied != null) {
            return denied;
        }
        ModelLifecycle lifecycle = follower.lifecycle().orElseThrow();
        return lifecycle.previous().map(v -> publishPin(v, PUBLISHED)).orElseGet(() ->
                error(409, "no earlier accepted version to roll back to"));
    }

    /** The pin producer's configuration: the Streams client's connection and security, our registry. */
    static Map<String, Object> producerConfig(KafkaClientSettings clients, Map<String, Object> registry) {
        Map<String, Object> cfg = clients.common();
        cfg.putAll(registry);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        return cfg;
    }

    private Response publishPin(String version, String status) {
        Map<String, Object> cfg = producerConfig(clients, RegistrySettings.of(config.registry()));
        ConfluentAvroSerializer<ModelCheckpoint> values = new ConfluentAvroSerializer<>();
        values.configure(cfg, false);
        ModelCheckpoint pin = version == null ? null : ModelCheckpoint.newBuilder().setVersion(version)
                .setLocation("").setSha256("").setArchitecture("").setThreshold(0).setMetrics(Map.of())
                .setCreatedAt(Instant.now()).build();
        try (KafkaProducer<String, ModelCheckpoint> producer = new KafkaProducer<>(cfg, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(config.checkpoints().topic(), Topics.PIN_KEY, pin)).get();
        } catch (Exception e) {
            return error(503, "cannot write the pin to " + config.checkpoints().topic() + ": " + e.getMessage());
        }
        Map<String, Object> body = new HashMap<>();
        body.put("pinned", version);
        body.put("status", status);
        return Response.accepted(body).build();
    }

    /** Null when the caller may proceed, else the refusal. */
    private Response authorize(String auth) {
        if (config.admin().token().isEmpty()) {
            return error(403, "admin endpoints are off: set siamese.admin.token to enable them");
        }
        if (follower.lifecycle().isEmpty()) {
            return error(409, "checkpoint following is off: set siamese.checkpoints.store");
        }
        String expected = "Bearer " + config.admin().token().get();
        // Constant-time comparison: no timing hint about the token.
        if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            return Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", "UNAUTHORIZED", "message", "a valid bearer token is required")).build();
        }
        return null;
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", Response.Status.fromStatusCode(status).name(), "message", message)).build();
    }
}
