package io.siamese.service.deploy;

import io.siamese.service.config.ServiceConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The service's real configuration keys, and how a deployment may set them.
 *
 * <ul>
 *   <li>Keys: those of {@code application.properties} plus every leaf of the {@link ServiceConfig}
 *       {@code @ConfigMapping} (found by reflection, kebab-cased as SmallRye does).</li>
 *   <li>Environment variables: the MicroProfile Config spelling of a key (upper case, every character other
 *       than A-Z and 0-9 replaced by {@code _}). SmallRye maps such a variable back only to a key it knows of, so
 *       a Kafka Streams pass-through key ({@code kafka-streams.*}) absent from application.properties can NOT be
 *       set by its variable; it needs {@code -D} (the image's entrypoint maps {@code KAFKA_STREAMS_STATE_DIR}).</li>
 *   <li>System properties ({@code -Dkey=value}): a key above, or {@code kafka-streams.} + a real Kafka Streams,
 *       consumer, producer or admin setting (the Quarkus extension passes those through).</li>
 * </ul>
 */
final class ConfigKeys {

    /** Environment variables of the images that are not configuration keys. */
    static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_OPTS", "LD_PRELOAD", "DJL_CACHE_DIR", "JAVA_HOME", "PATH",
            "NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES");

    /** System properties read by the JVM or DJL rather than by the service's configuration. */
    static final Set<String> RUNTIME_PROPERTIES = Set.of("ai.djl.offline", "java.awt.headless");

    private static final Pattern KEBAB = Pattern.compile("([a-z0-9])([A-Z])");

    private final Properties properties;
    private final Map<String, String> mappingDefaults;

    private ConfigKeys(Properties properties, Map<String, String> mappingDefaults) {
        this.properties = properties;
        this.mappingDefaults = mappingDefaults;
    }

    static ConfigKeys load() {
        Properties p = new Properties();
        try (InputStream in = ConfigKeys.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the test class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> leaves = new LinkedHashMap<>();
        String prefix = ServiceConfig.class.getAnnotation(ConfigMapping.class).prefix();
        collect(ServiceConfig.class, prefix, leaves);
        return new ConfigKeys(p, leaves);
    }

    private static void collect(Class<?> group, String prefix, Map<String, String> out) {
        for (Method m : group.getMethods()) {
            if (m.getParameterCount() != 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            WithName named = m.getAnnotation(WithName.class);
            String key = prefix + "." + (named != null ? named.value() : kebab(m.getName()));
            Class<?> type = m.getReturnType();
            if (type.isInterface() && !type.getName().startsWith("java.")) {
                collect(type, key, out);
            } else {
                WithDefault def = m.getAnnotation(WithDefault.class);
                out.put(key, def == null ? null : def.value());
            }
        }
    }

    static String kebab(String camel) {
        return KEBAB.matcher(camel).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The environment variable name of a key, by the MicroProfile Config rule. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** application.properties keys and ServiceConfig leaves. */
    Set<String> keys() {
        Set<String> keys = new TreeSet<>(properties.stringPropertyNames());
        keys.addAll(mappingDefaults.keySet());
        return keys;
    }

    Set<String> serviceConfigKeys() {
        return new TreeSet<>(mappingDefaults.keySet());
    }

    /** The value application.properties gives a key, else its @WithDefault. */
    Optional<String> defaultValue(String key) {
        String v = properties.getProperty(key);
        return Optional.ofNullable(v != null ? v : mappingDefaults.get(key));
    }

    /** The key an environment variable sets, when it sets one (empty: the service ignores the variable). */
    Optional<String> keyOfVariable(String variable) {
        return keys().stream().filter(k -> envName(k).equals(variable)).findFirst();
    }

    /** Whether {@code -Dkey=...} configures the service. */
    boolean isSystemPropertyKey(String key) {
        if (keys().contains(key)) {
            return true;
        }
        String passthrough = "kafka-streams.";
        if (!key.startsWith(passthrough)) {
            return false;
        }
        String rest = key.substring(passthrough.length());
        return StreamsConfig.configDef().names().contains(rest)
                || prefixed(rest, StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configNames())
                || prefixed(rest, StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configNames())
                || prefixed(rest, StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configNames())
                || prefixed(rest, StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames())
                || prefixed(rest, StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configNames());
    }

    private static boolean prefixed(String key, String prefix, Collection<String> names) {
        return key.startsWith(prefix) && names.contains(key.substring(prefix.length()));
    }

    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([A-Za-z0-9_.\\-\"]+)=");

    /** The {@code -Dkey=} keys in a string of JVM options. */
    static Set<String> systemProperties(String options) {
        Set<String> keys = new TreeSet<>();
        Matcher m = SYSTEM_PROPERTY.matcher(options == null ? "" : options);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static final Pattern MAPPED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\+-D([A-Za-z0-9_.\\-]+)=\\$\\{?\\1\\}?\\}");

    /** Variables an entrypoint turns into system properties: {@code ${VAR:+-Dkey=$VAR}} gives VAR -> key. */
    static Map<String, String> mappedVariables(String entrypoint) {
        Map<String, String> mapped = new LinkedHashMap<>();
        Matcher m = MAPPED.matcher(entrypoint);
        while (m.find()) {
            mapped.put(m.group(1), m.group(2));
        }
        return mapped;
    }
}
