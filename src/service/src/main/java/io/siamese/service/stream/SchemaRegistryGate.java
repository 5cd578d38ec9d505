package io.siamese.service.stream;

/**
 * What the processor asks before it reads, scores or dead-letters a pair: whether the schema registry can
 * answer everything that needs (no {@link RegistryOutage}, and every {@link OutputSchemas output schema id}
 * known). When it cannot, the processor holds the pair instead; nothing is decided about a pair while the
 * registry is away.
 */
final class SchemaRegistryGate {

    private final RegistryOutage outage;
    private final OutputSchemas outputs;

    /**
     * @param outage  the process-wide outage state
     * @param outputs the output schema ids, or null when nothing needs resolving (tests with plain serializers)
     */
    SchemaRegistryGate(RegistryOutage outage, OutputSchemas outputs) {
        this.outage = outage;
        this.outputs = outputs;
    }

    /**
     * @return whether pairs may be read, scored and dead-lettered now; resolves the output schema ids on first
     *         use, and reports an outage when they cannot be resolved
     */
    boolean isOpen() {
        if (outage.isDown()) {
            return false;
        }
        if (outputs == null || outputs.resolved()) {
            return true;
        }
        try {
            outputs.resolve();
            return true;
        } catch (RuntimeException e) {
            // Unreachable, or a schema that is not registered while auto-registration is off: either way every
            // pair would fail to be written, so hold them and say so rather than crash or dead-letter.
            outage.report(e, outputs::resolve);
            return false;
        }
    }

    /** Reports that the registry did not answer a pair's schema lookup; {@code retry} repeats it. */
    void unavailable(RuntimeException failure, Runnable retry) {
        outage.report(failure, retry);
    }
}
