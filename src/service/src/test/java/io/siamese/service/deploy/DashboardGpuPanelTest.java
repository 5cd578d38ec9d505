package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's GPU panel reads metrics that a CPU-only test run cannot scrape (the service registers them
 * only on a GPU), so PrometheusServerIT leaves it out; here each of its metrics must be a meter the service's
 * sources register, in a file that registers it only for a GPU device.
 */
class DashboardGpuPanelTest {

    @Test
    void shouldReadOnlyGpuMetersTheServiceRegistersOnAGpu() throws IOException {
        DashboardQueries dashboard = DashboardQueries.load(DeployTree.deploy("grafana/dashboards/siamese-streams.json"));
        ExportedMeters meters = ExportedMeters.scan();

        assertFalse(dashboard.gpuMetrics().isEmpty(), "the dashboard has a GPU memory panel");
        for (String metric : dashboard.gpuMetrics()) {
            Optional<String> meter = meters.meterOf(metric);
            assertTrue(meter.isPresent(), metric + " is registered by no meter in " + ExportedMeters.SOURCES);
            for (Path file : meters.files(meter.get())) {
                assertTrue(Files.readString(file).contains("isGpu()"), file + " registers " + meter.get()
                        + " without checking for a GPU device");
            }
        }
    }
}
