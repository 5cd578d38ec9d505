package io.siamese.cli.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** HTTP status codes of a service's health endpoints; -1 when nothing answers. */
final class HealthProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HealthProbe() {
    }

    /** @return the status of {@code GET baseUrl/q/health/live} */
    static int live(String baseUrl) {
        return status(baseUrl + "/q/health/live");
    }

    /** @return the status of {@code GET baseUrl/q/health/ready} */
    static int ready(String baseUrl) {
        return status(baseUrl + "/q/health/ready");
    }

    /**
     * @return the status of the named readiness check ({@code UP} or {@code DOWN}) in
     *         {@code GET baseUrl/q/health/ready}, or {@code "unknown"} when the endpoint does not say
     */
    static String readinessCheck(String baseUrl, String name) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode check : new ObjectMapper().readTree(body).path("checks")) {
                if (name.equals(check.path("name").asText())) {
                    return check.path("status").asText("unknown");
                }
            }
            return "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * @return the input partitions the service's group members hold now (the sum of its
     *         {@code kafka_consumer_coordinator_assigned_partitions} series in {@code GET baseUrl/q/metrics}),
     *         0 when it does not answer
     */
    static int assignedPartitions(String baseUrl) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return sumOf(body, "kafka_consumer_coordinator_assigned_partitions");
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The sum of every series of {@code name} in a Prometheus text scrape, rounded down. */
    static int sumOf(String scrape, String name) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                try {
                    double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    sum += Double.isNaN(v) ? 0 : v;
                } catch (NumberFormatException e) {
                    // not a sample line
                }
            }
        }
        return (int) sum;
    }

    /** @return the status of {@code GET url}, -1 when the request fails */
    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
