package io.siamese.schemas.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API (Confluent Schema Registry, Apicurio's
 * {@code /apis/ccompat/v7}, Redpanda, Karapace).
 *
 * <p>Schema ids are immutable, so id-to-schema and (subject, schema)-to-id answers are cached for the life of
 * the client: after warm-up a serializer or deserializer makes no HTTP call. An id the registry does not know
 * is remembered as unknown for {@link #MISSING_ID_TTL} (at most {@link #MISSING_ID_CAPACITY} ids, the oldest
 * forgotten first), so records naming the same unknown id cost one HTTP call, not one each; the entry expires
 * because an id unknown now may be registered later. Thread-safe.
 */
public final class ConfluentRegistryClient implements SchemaRegistryClient {

    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int SCHEMA_NOT_FOUND = 40403;

    /** How long an id the registry answered 404 for is answered as unknown without asking again. */
    public static final Duration MISSING_ID_TTL = Duration.ofMinutes(1);
    /** How many unknown ids are remembered; bounded because hostile records can name any of 2^32. */
    public static final int MISSING_ID_CAPACITY = 10_000;

    private final RegistryHttp http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Long> missingIds;
    private final long missingIdTtlNanos;
    private final LongSupplier nanoClock;

    /** Creates a client for {@code config}; no connection is made until the first call. */
    public ConfluentRegistryClient(RegistryConfig config) {
        this(config, MISSING_ID_TTL, MISSING_ID_CAPACITY, System::nanoTime);
    }

    /** As {@link #ConfluentRegistryClient(RegistryConfig)} with the unknown-id memory's size and clock (tests). */
    ConfluentRegistryClient(RegistryConfig config, Duration missingIdTtl, int missingIdCapacity,
            LongSupplier nanoClock) {
        this.http = new RegistryHttp(config);
        this.missingIds = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
                return size() > missingIdCapacity;
            }
        };
        this.missingIdTtlNanos = missingIdTtl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** @return the registry base URL this client talks to */
    public String url() {
        return http.url();
    }

    /** @return how many HTTP requests this client has sent (a cache hit sends none) */
    public long requestCount() {
        return http.requestCount();
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        try {
            JsonNode answer = http.post("/subjects/" + encode(subject) + "/versions", Map.of("schema", schema.toString()));
            return remember(subject, schema, answer.path("id").asInt());
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 409) {
                throw new SchemaRegistryException("schema rejected as incompatible with subject " + subject
                        + " (compatibility " + levelOrUnknown(subject) + ") by the schema registry at " + url()
                        + ": " + e.getMessage(), e);
            }
            if (e.httpStatus() == 422) {
                throw new SchemaRegistryException("invalid schema for subject " + subject + ", rejected by the"
                        + " schema registry at " + url() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Integer> lookup(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            JsonNode answer = http.post("/subjects/" + encode(subject), Map.of("schema", schema.toString()));
            return Optional.of(remember(subject, schema, answer.path("id").asInt()));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SUBJECT_NOT_FOUND || e.errorCode() == SCHEMA_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        if (knownMissing(id)) {
            throw new SchemaRegistryException("schema id " + id + " is not known to the schema registry at " + url()
                    + " (it answered so within the last " + MISSING_ID_TTL.toSeconds() + " s)", 404, SCHEMA_NOT_FOUND,
                    null);
        }
        JsonNode answer;
        try {
            answer = http.get("/schemas/ids/" + id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                rememberMissing(id);
                throw new SchemaRegistryException("schema id " + id + " is not known to the schema registry at "
                        + url(), e);
            }
            throw e;
        }
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException("schema id " + id + " is a " + type + " schema, not Avro", 200, -1, null);
        }
        Schema schema = parse(answer.path("schema").asText());
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = http.get("/subjects/" + encode(subject) + "/versions/latest");
        int id = answer.path("id").asInt();
        Schema schema = schemasById.computeIfAbsent(id, unused -> parse(answer.path("schema").asText()));
        return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = http.post("/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    Map.of("schema", schema.toString()));
            List<String> messages = new ArrayList<>();
            answer.path("messages").forEach(message -> messages.add(message.asText()));
            return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SUBJECT_NOT_FOUND) {
                // Confluent answers 404 for a new subject; nothing registered means nothing to break.
                return new CompatibilityResult(true, List.of());
            }
            throw e;
        }
    }

    @Override
    public CompatibilityLevel getCompatibility() {
        return level(http.get("/config"));
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        try {
            return level(http.get("/config/" + encode(subject) + "?defaultToGlobal=true"));
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return getCompatibility();
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        http.put("/config", Map.of("compatibility", level.name()));
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        http.put("/config/" + encode(subject), Map.of("compatibility", level.name()));
    }

    private boolean knownMissing(int id) {
        synchronized (missingIds) {
            Long expiry = missingIds.get(id);
            if (expiry == null) {
                return false;
            }
            if (nanoClock.getAsLong() - expiry < 0) {
                return true;
            }
            missingIds.remove(id);
            return false;
        }
    }

    private void rememberMissing(int id) {
        synchronized (missingIds) {
            missingIds.remove(id); // re-inserted last, so the oldest entry is the first to go
            missingIds.put(id, nanoClock.getAsLong() + missingIdTtlNanos);
        }
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private int remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, unused -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private String levelOrUnknown(String subject) {
        try {
            return getCompatibility(subject).name();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static CompatibilityLevel level(JsonNode answer) {
        return CompatibilityLevel.valueOf(answer.path("compatibilityLevel").asText("NONE"));
    }

    private static Schema parse(String text) {
        // A fresh parser per schema: named types must not leak between unrelated schemas.
        return new Schema.Parser().parse(text);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
