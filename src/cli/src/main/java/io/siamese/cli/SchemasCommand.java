package io.siamese.cli;

import io.siamese.schemas.PipelineTopics;
import io.siamese.schemas.registry.CompatibilityLevel;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code siamese schemas}: registers the pipeline's schemas, as a deployment does once before the service and
 * the producers run with {@code auto.register.schemas=false} (then no client can change a contract by
 * accident: a serializer only looks its schema up).
 */
@Command(name = "schemas", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Register every pipeline topic's value schema (<topic>-value) and the Avro string key schema"
                + " (<topic>-key) and set the registry's compatibility level. Registering the same schema again is"
                + " a no-op; a changed schema must pass the compatibility rule."
        })
public final class SchemasCommand implements Callable<Integer> {

    @Option(names = "--compatibility", defaultValue = "BACKWARD", paramLabel = "LEVEL",
            description = "Registry-wide compatibility level to set first; KEEP leaves it. Default: ${DEFAULT-VALUE}.")
    String compatibility;

    @Option(names = "--json", description = "Print one JSON object with the results as the last line of stdout.")
    boolean json;

    @Mixin
    StreamOptions stream;

    @Override
    public Integer call() {
        Map<String, Object> config = stream.endpoints().producerConfig("siamese-schemas");
        ConfluentRegistryClient registry = new ConfluentRegistryClient(RegistryConfig.fromConfigs(config));
        if (!compatibility.equalsIgnoreCase("KEEP")) {
            registry.setCompatibility(CompatibilityLevel.valueOf(compatibility.toUpperCase(java.util.Locale.ROOT)));
        }
        Map<String, Integer> ids = PipelineTopics.registerSchemas(registry);
        ids.forEach((subject, id) -> System.out.println(subject + " id " + id));
        System.out.println("compatibility " + registry.getCompatibility() + " at " + registry.url());
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("subjects", ids);
            result.put("compatibility", registry.getCompatibility().name());
            JsonResult.print(System.out, result);
        }
        return 0;
    }
}
