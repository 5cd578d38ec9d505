package io.siamese.localstack;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Who may use a secured {@link LocalStack}: a broker that authenticates every client with SASL/PLAIN and
 * authorises it with ACLs (KRaft's {@code StandardAuthorizer}, nothing allowed without an ACL), and a registry
 * that wants HTTP basic credentials for its API. Each user has one password for both; the admin is the broker's
 * super user, whose credentials {@link LocalStack} uses to create topics and ACLs.
 *
 * <p>SASL_PLAINTEXT, not SASL_SSL: everything binds to loopback, and the clients' TLS settings are plain Kafka
 * client keys passed through the same way as the SASL ones.
 *
 * @param adminPassword the password of {@value #ADMIN}
 * @param users         user name to password, for the clients under test
 */
public record StackSecurity(String adminPassword, Map<String, String> users) {

    /** The super user's name. */
    public static final String ADMIN = "admin";
    private static final String PLAIN_LOGIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

    /** Copies the users; none may be called {@value #ADMIN}. */
    public StackSecurity {
        users = Map.copyOf(users);
        if (users.containsKey(ADMIN)) {
            throw new IllegalArgumentException("'" + ADMIN + "' is the super user; name the test users otherwise");
        }
    }

    /** @return security for these users with random passwords (and a random admin password) */
    public static StackSecurity forUsers(String... names) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String name : names) {
            users.put(name, randomPassword());
        }
        return new StackSecurity(randomPassword(), users);
    }

    /**
     * @return the client properties of {@code user} (or {@value #ADMIN}) in the form of a client config file:
     *         SASL/PLAIN for Kafka and {@code basic.auth.user.info} for the registry
     */
    public Map<String, String> clientProperties(String user) {
        String password = user.equals(ADMIN) ? adminPassword : users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such user: " + user);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", PLAIN_LOGIN + " required username=\"" + user + "\" password=\"" + password + "\";");
        p.put("basic.auth.user.info", user + ":" + password);
        return p;
    }

    /** Adds the SASL listener, the user database and the authoriser to a single node's server properties. */
    void secureBroker(Properties p, int port, int controllerPort) {
        p.setProperty("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        StringBuilder jaas = new StringBuilder(PLAIN_LOGIN + " required username=\"" + ADMIN + "\" password=\""
                + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\"");
        users.forEach((user, password) -> jaas.append(" user_").append(user).append("=\"").append(password)
                .append('"'));
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The controller listener stays PLAINTEXT on loopback: the node talks to itself there as ANONYMOUS.
        p.setProperty("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
    }

    /**
     * @return Apicurio's options for basic authentication of every API request against these users (Quarkus'
     *         embedded realm, which Apicurio builds in; its health endpoints stay open)
     */
    List<String> registryOptions() {
        // Quarkus warns that quarkus.http.auth.basic is fixed at build time, yet without it every request is 401.
        List<String> options = new ArrayList<>(List.of("-Dquarkus.http.auth.basic=true",
                "-Dquarkus.security.users.embedded.plain-text=true",
                "-Dquarkus.http.auth.permission.api.paths=/apis/*",
                "-Dquarkus.http.auth.permission.api.policy=authenticated",
                "-Dquarkus.security.users.embedded.users." + ADMIN + "=" + adminPassword));
        users.forEach((user, password) -> options.add("-Dquarkus.security.users.embedded.users." + user + "="
                + password));
        return options;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Without the passwords. */
    @Override
    public String toString() {
        return "StackSecurity[users=" + users.keySet() + "]";
    }
}
