package io.siamese.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainerCommandTest {

    @Test
    void trainerIsASubcommandWithItsDocumentedOptions() {
        CommandLine cli = SiameseCli.commandLine();

        assertTrue(cli.getSubcommands().get("trainer").getCommandSpec().optionsMap().keySet().containsAll(List.of(
                "--bootstrap-servers", "--registry-url", "--store", "--work-dir", "--model", "--group",
                "--retrain-every", "--retrain-minutes", "--loss", "--epochs", "--max-steps", "--batch", "--lr",
                "--store-size", "--holdout-size", "--holdout-fraction", "--validation-fraction", "--min-pairs",
                "--min-holdout", "--gate-metric", "--min-improvement", "--metrics-port", "--metrics-host", "--json")));
        assertTrue(cli.getSubcommands().get("demo").getCommandSpec().optionsMap().keySet().containsAll(List.of(
                "--retrain", "--retrain-every", "--retrain-epochs", "--retrain-max-steps", "--weak-steps")));
    }

    @Test
    void theCheckpointStoreIsRequiredBeforeAnythingConnects() {
        StringWriter err = new StringWriter();
        CommandLine cli = SiameseCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("trainer", "--bootstrap-servers", "127.0.0.1:9");

        assertEquals(2, status);
        assertTrue(err.toString().contains("Missing required option: --store"), err.toString());
    }

    @Test
    void theTrainerDefaultsMatchTheIssue() {
        TrainerCommand trainer = new TrainerCommand();
        new CommandLine(trainer).parseArgs("--store", "s");

        assertEquals(500, trainer.retrainEvery);
        assertEquals(10.0, trainer.retrainMinutes);
        assertEquals(64, trainer.batch);
        assertEquals(0.005, trainer.minImprovement);
        assertEquals("contrastive", trainer.loss);
        assertEquals("siamese-trainer", trainer.group);
    }
}
