package io.siamese.cli;

import io.siamese.schemas.Endpoints;
import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are, for commands that talk to the pipeline. */
public final class StreamOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers. Default: $SIAMESE_BOOTSTRAP_SERVERS, else localhost:9092.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry API base. Default: $SIAMESE_REGISTRY_URL,"
                    + " else http://localhost:8081/apis/ccompat/v7.")
    String registryUrl;

    /** @return the options given, the environment's values for those not given, else the local defaults */
    Endpoints endpoints() {
        Endpoints fallback = Endpoints.fromEnvironment();
        return new Endpoints(bootstrapServers != null ? bootstrapServers : fallback.bootstrapServers(),
                registryUrl != null ? registryUrl : fallback.registryUrl());
    }
}
