package io.siamese.cli;

import io.siamese.localstack.LocalStack;
import io.siamese.localstack.StackSecurity;
import io.siamese.schemas.ClientConfigFile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import picocli.CommandLine;

/**
 * What {@link SecuredPipelineIT} hands its commands: a client config file per user of a secured stack (mode 600,
 * as a mounted Secret), broken variants of one, a small folder-per-class image set, and the CLI run in-process
 * with its output captured.
 */
final class SecuredClients {

    /** A command's exit status and output. */
    record Run(int status, String out, String err) {
    }

    private final LocalStack stack;
    private final StackSecurity security;
    private final Path dir;
    private final Path dataset;

    SecuredClients(LocalStack stack, StackSecurity security, Path dir) throws IOException {
        this.stack = stack;
        this.security = security;
        this.dir = Files.createDirectories(dir);
        this.dataset = writeDataset(dir.resolve("shapes"));
    }

    /**
     * @return the client config file of {@code user} (or {@link StackSecurity#ADMIN}): its SASL and registry
     *         credentials, the endpoints, and no schema registration
     */
    Path file(String user) {
        return write(user, security.clientProperties(user));
    }

    /** @return {@code user}'s file with a wrong Kafka password */
    Path wrongPassword(String user) {
        Map<String, String> p = new LinkedHashMap<>(security.clientProperties(user));
        p.put("sasl.jaas.config", p.get("sasl.jaas.config").replaceFirst("password=\"[^\"]*\"", "password=\"nope\""));
        return write(user + "-wrong-password", p);
    }

    /** @return {@code user}'s file without the registry's credentials */
    Path withoutRegistryCredentials(String user) {
        Map<String, String> p = new LinkedHashMap<>(security.clientProperties(user));
        p.remove("basic.auth.user.info");
        return write(user + "-no-registry-credentials", p);
    }

    Path dataset() {
        return dataset;
    }

    /** Runs {@code siamese ARGS} in this JVM and returns its status and what it printed. */
    Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream stdout = System.out;
        int status;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            CommandLine cli = SiameseCli.commandLine();
            cli.setErr(new PrintWriter(err, true));
            status = cli.execute(args);
        } finally {
            System.setOut(stdout);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** Runs {@code tail --from-beginning} as the reader until it has seen {@code results} results. */
    Run awaitTail(int results, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Run tail;
        do {
            tail = cli("tail", "--client-config", file("reader").toString(), "--from-beginning", "--json");
        } while (tail.status() == 0 && !tail.out().contains("\"results\":" + results) && System.nanoTime() < deadline);
        return tail;
    }

    private Path write(String name, Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("bootstrap.servers", stack.bootstrapServers());
        all.put("schema.registry.url", stack.registryUrl());
        // As in production: the schemas are registered once (siamese schemas), clients only look them up.
        all.put("auto.register.schemas", "false");
        return ClientConfigFile.write(dir.resolve(name + ".properties"), all);
    }

    /** Two classes (squares, discs) of four 28x28 grey images each. */
    private static Path writeDataset(Path root) throws IOException {
        for (String shape : List.of("square", "disc")) {
            Path folder = Files.createDirectories(root.resolve(shape));
            for (int i = 0; i < 4; i++) {
                BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D g = image.createGraphics();
                g.setColor(Color.WHITE);
                int size = 12 + 2 * i;
                if (shape.equals("square")) {
                    g.fillRect(4 + i, 4, size, size);
                } else {
                    g.fillOval(4, 4 + i, size, size);
                }
                g.dispose();
                ImageIO.write(image, "png", folder.resolve(shape + i + ".png").toFile());
            }
        }
        return root;
    }
}
