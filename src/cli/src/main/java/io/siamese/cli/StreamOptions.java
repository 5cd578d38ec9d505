package io.siamese.cli;

import io.siamese.schemas.ClientConfigFile;
import io.siamese.schemas.Endpoints;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are, and how to authenticate, for commands that talk to the pipeline. */
public final class StreamOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers. Default: $SIAMESE_BOOTSTRAP_SERVERS, else the client config's"
                    + " bootstrap.servers, else localhost:9092.")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry API base. Default: $SIAMESE_REGISTRY_URL, else the"
                    + " client config's schema.registry.url, else http://localhost:8081/apis/ccompat/v7.")
    String registryUrl;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*) and the registry's"
                    + " credentials (basic.auth.user.info, schema.registry.ssl.truststore.*), as Confluent's"
                    + " clients read them. Default: $SIAMESE_CLIENT_CONFIG, else none.")
    Path clientConfig;

    /** @return the options given, the environment's values for those not given, else the local defaults */
    Endpoints endpoints() {
        Map<String, String> client = clientConfig != null ? ClientConfigFile.read(clientConfig)
                : ClientConfigFile.fromEnvironment(System::getenv);
        return Endpoints.resolve(bootstrapServers, registryUrl, client, System::getenv);
    }
}
