package io.siamese.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HealthProbeTest {

    @Test
    void shouldSumEverySeriesOfAMetricAndNothingElse() {
        String scrape = """
                # HELP kafka_consumer_coordinator_assigned_partitions The number of partitions currently assigned
                # TYPE kafka_consumer_coordinator_assigned_partitions gauge
                kafka_consumer_coordinator_assigned_partitions{client_id="app-StreamThread-1-consumer"} 2.0
                kafka_consumer_coordinator_assigned_partitions{client_id="app-StreamThread-2-consumer"} 1.0
                kafka_consumer_coordinator_assigned_partitions_other{client_id="x"} 7.0
                kafka_consumer_coordinator_assigned_partitions{client_id="restore"} NaN
                """;

        assertEquals(3, HealthProbe.sumOf(scrape, "kafka_consumer_coordinator_assigned_partitions"));
        assertEquals(0, HealthProbe.sumOf(scrape, "absent_metric"));
    }
}
