package io.siamese.cli;

import io.siamese.encoder.model.InferencePrecision;
import picocli.CommandLine.Option;

/** {@code --precision}: the number format of CPU forward passes, for the commands that run a model. */
public final class PrecisionOption {

    @Option(names = "--precision", defaultValue = InferencePrecision.DEFAULT,
            description = "CPU forward passes: auto (as the service: the compact network in bf16 where the CPU has"
                    + " bfloat16 instructions, the seed network's first linear layer in int8), fp32, bf16 or int8."
                    + " Default: ${DEFAULT-VALUE}.")
    String precision;

    /** The precision named. */
    InferencePrecision precision() {
        return InferencePrecision.parse(precision);
    }
}
