package io.siamese.schemas.registry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the schema registry, and whether serializers may register schemas.
 *
 * <p>{@link #fromConfigs(Map)} reads the same keys as Confluent's serializers, so one Kafka client config map
 * configures both the Kafka client and our serdes.
 *
 * @param url          base URL of the Confluent-compatible API without trailing slash, e.g.
 *                     {@code http://127.0.0.1:8081/apis/ccompat/v7}
 * @param autoRegister whether serializers register missing schemas (off in production: schemas are
 *                     registered by the deployment pipeline, and a serializer only looks its schema up)
 * @param basicAuth    HTTP basic credentials, if the registry wants them
 * @param truststore   trust material for an HTTPS registry with a private CA; the JDK's defaults otherwise
 * @param timeout      limit for connecting and for each request
 */
public record RegistryConfig(String url, boolean autoRegister, Optional<BasicAuth> basicAuth,
                             Optional<Truststore> truststore, Duration timeout) {

    /** Config key: registry base URL; with a comma-separated list only the first is used. */
    public static final String URL = "schema.registry.url";
    /** Config key: whether serializers register schemas, default true as in Confluent's serializers. */
    public static final String AUTO_REGISTER = "auto.register.schemas";
    /** Config key: {@code user:password} for HTTP basic authentication. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Config key: path of the truststore for HTTPS. */
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    /** Config key: truststore password. */
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    /** Config key: truststore type (PKCS12 or JKS), default PKCS12. */
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    /** Config key: request timeout in milliseconds, default 10000. */
    public static final String TIMEOUT_MS = "schema.registry.request.timeout.ms";

    /** Timeout used when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Validates the URL and normalises it (no trailing slash) so paths can be appended. */
    public RegistryConfig {
        Objects.requireNonNull(url, "schema registry url");
        url = url.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        String scheme = URI.create(url).getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("schema registry url must be http(s)://...: " + url);
        }
        basicAuth = Objects.requireNonNullElse(basicAuth, Optional.empty());
        truststore = Objects.requireNonNullElse(truststore, Optional.empty());
        timeout = Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("schema registry timeout must be positive: " + timeout);
        }
    }

    /** @return a config for {@code url} with auto-registration on, no credentials and the default timeout */
    public static RegistryConfig of(String url) {
        return new RegistryConfig(url, true, Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT);
    }

    /** @return a copy with auto-registration set to {@code on} */
    public RegistryConfig withAutoRegister(boolean on) {
        return new RegistryConfig(url, on, basicAuth, truststore, timeout);
    }

    /** @return a copy with the given request timeout */
    public RegistryConfig withTimeout(Duration newTimeout) {
        return new RegistryConfig(url, autoRegister, basicAuth, truststore, newTimeout);
    }

    /**
     * Reads a Kafka-style config map (values may be strings or typed values).
     *
     * @throws IllegalArgumentException when {@value #URL} is missing or a value is malformed
     */
    public static RegistryConfig fromConfigs(Map<String, ?> configs) {
        String urls = string(configs, URL).orElseThrow(
                () -> new IllegalArgumentException("missing config " + URL + " (the schema registry base URL)"));
        String first = urls.split(",")[0];
        boolean autoRegister = string(configs, AUTO_REGISTER).map(RegistryConfig::parseBoolean).orElse(true);
        Optional<BasicAuth> auth = string(configs, BASIC_AUTH_USER_INFO).map(BasicAuth::parse);
        Optional<Truststore> trust = string(configs, TRUSTSTORE_LOCATION).map(location -> new Truststore(
                Path.of(location), string(configs, TRUSTSTORE_PASSWORD).orElse(""),
                string(configs, TRUSTSTORE_TYPE).orElse("PKCS12")));
        Duration timeout = string(configs, TIMEOUT_MS).map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                .orElse(DEFAULT_TIMEOUT);
        return new RegistryConfig(first, autoRegister, auth, trust, timeout);
    }

    /** @return whether {@code configs} names a registry at all */
    public static boolean isConfigured(Map<String, ?> configs) {
        return string(configs, URL).isPresent();
    }

    /** Reads only {@value #AUTO_REGISTER}, for serdes given a ready client. */
    public static boolean autoRegister(Map<String, ?> configs) {
        return string(configs, AUTO_REGISTER).map(RegistryConfig::parseBoolean).orElse(true);
    }

    private static Optional<String> string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
    }

    private static boolean parseBoolean(String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(AUTO_REGISTER + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * HTTP basic credentials.
     *
     * @param user     user name
     * @param password password; never printed by {@link #toString()}
     */
    public record BasicAuth(String user, String password) {

        /** Parses Confluent's {@code basic.auth.user.info} form {@code user:password}. */
        public static BasicAuth parse(String userInfo) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must be user:password");
            }
            return new BasicAuth(userInfo.substring(0, colon), userInfo.substring(colon + 1));
        }

        @Override
        public String toString() {
            return "BasicAuth[user=" + user + ", password=***]";
        }
    }

    /**
     * Trust material for HTTPS.
     *
     * @param location path of the keystore file
     * @param password its password; never printed by {@link #toString()}
     * @param type     keystore type, PKCS12 or JKS
     */
    public record Truststore(Path location, String password, String type) {

        @Override
        public String toString() {
            return "Truststore[location=" + location + ", type=" + type + ", password=***]";
        }
    }
}
