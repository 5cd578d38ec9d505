package io.siamese.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code siamese bench}: benchmarks that print figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures (tables, or JSON with --json).",
        subcommands = {BenchEncoderCommand.class, BenchStreamCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
