package io.siamese.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.schemas.Endpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StreamCommandsTest {

    @Test
    void publishTailAndDemoAreSubcommandsWithTheirDocumentedOptions() {
        CommandLine cli = SiameseCli.commandLine();

        assertTrue(cli.getSubcommands().get("publish").getCommandSpec().optionsMap().keySet().containsAll(
                java.util.List.of("--data", "--pairs", "--rate", "--corrupt", "--labelled", "--bootstrap-servers",
                        "--registry-url", "--json")));
        assertTrue(cli.getSubcommands().get("tail").getCommandSpec().optionsMap().keySet().containsAll(
                java.util.List.of("--follow", "--dead-letters", "--from-beginning", "--bootstrap-servers",
                        "--registry-url", "--json")));
        assertTrue(cli.getSubcommands().get("demo").getCommandSpec().optionsMap().keySet().containsAll(
                java.util.List.of("--pairs", "--rate", "--corrupt", "--data", "--model", "--batch-size",
                        "--linger-ms", "--json")));
    }

    @Test
    void demoDefaultsToAFiniteNumberOfPairs() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs();

        assertEquals(2000, demo.pairs);
    }

    @Test
    void anInvalidCorruptFractionIsRejectedBeforeConnecting() {
        StringWriter err = new StringWriter();
        CommandLine cli = SiameseCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("publish", "--data", "fashion-mnist", "--corrupt", "1.5",
                "--bootstrap-servers", "127.0.0.1:9");

        assertEquals(1, status);
        assertTrue(err.toString().contains("corrupt fraction must be in [0, 1]"), err.toString());
    }

    @Test
    void aPacedRateThatIsNotPositiveIsRejectedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = SiameseCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("bench", "stream", "--paced-rate", "0");

        assertEquals(1, status);
        assertTrue(err.toString().contains("--paced-rate must be above 0 pairs/s, got 0.0"), err.toString());
    }

    @Test
    void shouldReadTheClientConfigFileForEveryCommandThatTalksToThePipeline(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_PLAINTEXT\nbasic.auth.user.info=svc:pw\n");
        PublishCommand publish = new PublishCommand();
        TailCommand tail = new TailCommand();
        TrainerCommand trainer = new TrainerCommand();

        for (Object command : List.of(publish, tail, trainer)) {
            new CommandLine(command).parseArgs("--client-config", file.toString(), "--bootstrap-servers", "kafka:9093");
        }
        for (StreamOptions options : List.of(publish.stream, tail.stream, trainer.stream)) {
            Endpoints endpoints = options.endpoints();
            String command = options.toString();

            assertEquals("kafka:9093", endpoints.bootstrapServers(), command);
            assertEquals("SASL_PLAINTEXT", endpoints.producerConfig("x").get("security.protocol"), command);
            assertEquals("svc:pw", endpoints.consumerConfig("x").get("basic.auth.user.info"), command);
        }
    }

    @Test
    void aMissingClientConfigFileIsNamedBeforeConnecting(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine cli = SiameseCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("tail", "--client-config", dir.resolve("missing.properties").toString());

        assertEquals(1, status);
        assertTrue(err.toString().contains("missing.properties does not exist"), err.toString());
    }
}
