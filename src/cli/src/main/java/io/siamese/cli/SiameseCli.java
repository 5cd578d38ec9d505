package io.siamese.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line behind {@code ./siamese}: train, evaluate, compare and bench offline; publish, tail,
 * demo and the continuous trainer against a Kafka pipeline. Each
 * subcommand prints a human summary, a progress bar on a terminal, and with {@code --json}
 * exactly one JSON object as the last line of stdout.
 */
@Command(
        name = "siamese",
        mixinStandardHelpOptions = true,
        version = "siamese-streams 0.1.0",
        description = "Siamese image similarity: train, evaluate and compare encoders; stream pairs through Kafka.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            PublishCommand.class,
            TailCommand.class,
            DemoCommand.class,
            TrainerCommand.class,
            SchemasCommand.class,
            StackCommand.class,
            FaultsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SiameseCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call {@code execute} on it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SiameseCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Users get the message, not a stack trace; SIAMESE_DEBUG=1 shows the trace.
            cmd.getErr().println("error: " + e.getMessage());
            if (System.getenv("SIAMESE_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cl;
    }
}
