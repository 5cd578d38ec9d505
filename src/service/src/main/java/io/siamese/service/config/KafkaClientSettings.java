package io.siamese.service.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * The one place that builds what every Kafka client of the service (the checkpoint follower's consumer, the
 * admin pin's producer) shares with its Kafka Streams client: the bootstrap servers and the security
 * settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). They are read from the keys Quarkus'
 * Kafka Streams extension reads, with its precedence: pass-through {@code quarkus.kafka-streams.<kafka key>},
 * then pass-through {@code kafka-streams.<kafka key>}, then the extension's typed keys (e.g.
 * {@code quarkus.kafka-streams.sasl.jaas-config}, {@code quarkus.kafka-streams.ssl.truststore.location}),
 * which it applies last and which may also come from environment variables. Like the extension, it sets
 * {@code ssl.endpoint.identification.algorithm} to empty (no host name check) unless one is configured, so
 * all clients connect alike. Per-client prefixes ({@code kafka-streams.consumer.*}) and TLS registry
 * configurations are not carried over.
 */
@ApplicationScoped
public class KafkaClientSettings {

    static final String STREAMS = "kafka-streams.";
    static final String QUARKUS_STREAMS = "quarkus.kafka-streams.";
    private static final String ENDPOINT_CHECK = "ssl.endpoint.identification.algorithm";

    /** The extension's typed keys under {@value #QUARKUS_STREAMS} that differ from their Kafka key. */
    private static final List<String> TYPED = List.of("security.protocol", "sasl.mechanism", "sasl.jaas-config",
            "sasl.client-callback-handler-class", "sasl.login-callback-handler-class", "sasl.login-class",
            "sasl.kerberos-service-name", "sasl.kerberos-kinit-cmd", "sasl.kerberos-ticket-renew-window-factor",
            "sasl.kerberos-ticket-renew-jitter", "sasl.kerberos-min-time-before-relogin",
            "sasl.login-refresh-window-factor", "sasl.login-refresh-window-jitter", "sasl.login-refresh-min-period",
            "sasl.login-refresh-buffer", "ssl.protocol", "ssl.provider", "ssl.cipher-suites", "ssl.enabled-protocols",
            "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.certificates",
            "ssl.keystore.type", "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.key",
            "ssl.keystore.certificate-chain", "ssl.key.password", "ssl.keymanager-algorithm",
            "ssl.trustmanager-algorithm", "ssl.endpoint-identification-algorithm", "ssl.secure-random-implementation");

    private final Map<String, Object> common;

    @Inject
    KafkaClientSettings(Config config) {
        // SmallRye's property names can be iterated only once: copy them.
        this(copy(config.getPropertyNames()), key -> config.getOptionalValue(key, String.class));
    }

    private KafkaClientSettings(Iterable<String> names, Function<String, Optional<String>> value) {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", value.apply(QUARKUS_STREAMS + "bootstrap-servers").orElse("localhost:9092"));
        for (String prefix : List.of(QUARKUS_STREAMS, STREAMS)) {
            for (String name : names) {
                if (name.startsWith(prefix) && isSecurityKey(name.substring(prefix.length()))) {
                    value.apply(name).ifPresent(v -> m.put(name.substring(prefix.length()), v));
                }
            }
        }
        for (String typed : TYPED) {
            value.apply(QUARKUS_STREAMS + typed).ifPresent(v -> put(m, typed.replace('-', '.'), v));
        }
        m.putIfAbsent(ENDPOINT_CHECK, "");
        this.common = Map.copyOf(m);
    }

    private static List<String> copy(Iterable<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEach(out::add);
        return out;
    }

    /** From plain properties (tests, tools): the same rules as from the service's configuration. */
    public static KafkaClientSettings of(Map<String, String> properties) {
        return new KafkaClientSettings(properties.keySet(), key -> Optional.ofNullable(properties.get(key)));
    }

    /** A new, mutable client configuration holding the bootstrap servers and the security settings. */
    public Map<String, Object> common() {
        return new HashMap<>(common);
    }

    /** A Kafka security key; Kafka keys have no dashes (a dashed one is a typed key, read below). */
    private static boolean isSecurityKey(String key) {
        return (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))
                && !key.contains("-");
    }

    /** The two typed durations become Kafka's whole-second keys, as the extension converts them. */
    private static void put(Map<String, Object> m, String key, String value) {
        if (key.equals("sasl.login.refresh.min.period") || key.equals("sasl.login.refresh.buffer")) {
            m.put(key + ".seconds", Long.toString(seconds(value)));
        } else {
            m.put(key, value);
        }
    }

    private static long seconds(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Long.parseLong(v);
        }
        return Duration.parse(v.startsWith("P") || v.startsWith("p") ? v : "PT" + v).toSeconds();
    }
}
