package io.siamese.cli.faults;

import io.siamese.localstack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * How many schema-by-id requests the registry has served, from its own Prometheus metrics (Apicurio's
 * Quarkus HTTP server metrics on its management port): a service that asks the registry again for every
 * record of an unknown id shows up here, whatever the service itself exposes.
 */
final class RegistryRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RegistryRequests() {
    }

    /** @return requests to {@code /schemas/ids/...} so far, or null when the registry exposes no such metric */
    static Long count(LocalStack stack) {
        URI metrics = URI.create(stack.registryReadyUrl()).resolve("/metrics");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            long total = 0;
            boolean found = false;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("http_server_requests_seconds_count") && line.contains("schemas/ids")) {
                    total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
            return found || response.body().contains("http_server_requests") ? total : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
