package io.siamese.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServiceProfileTest {

    private static final String SCRAPE = """
            # HELP kafka_stream_thread_process_ratio The fraction of time the thread spent on processing
            # TYPE kafka_stream_thread_process_ratio gauge
            kafka_stream_thread_process_ratio{thread_id="app-StreamThread-1"} 0.72
            kafka_stream_thread_commit_ratio{thread_id="app-StreamThread-1"} 0.125
            kafka_stream_thread_commit_latency_avg{thread_id="app-StreamThread-1"} NaN
            kafka_stream_thread_poll_ratio{thread_id="app-StreamThread-1"} 0.0
            siamese_batch_size_count 10.0
            siamese_batch_size_sum 500.0
            siamese_batch_inference_seconds_sum 0.4
            """;

    @Test
    void shouldReadTheStreamThreadRatiosAndTheBatchFigures() {
        ServiceProfile p = ServiceProfile.parse(SCRAPE);

        assertEquals(0.72, p.figures().get("process_ratio"));
        assertEquals(0.125, p.figures().get("commit_ratio"));
        assertFalse(p.figures().containsKey("commit_latency_avg"), "NaN is no figure");
        assertEquals(50.0, p.figures().get("mean_batch_size"));
        assertEquals(40.0, p.figures().get("inference_ms_per_batch"), 1e-9);
        assertTrue(p.describe().startsWith("stream thread: process 72%, punctuate ?, commit 13%"), p.describe());
    }

    @Test
    void shouldTellTheJitAndServiceCpuShareBetweenTwoScrapes() {
        ServiceProfile before = ServiceProfile.parse("""
                jvm_compilation_time_ms_total{compiler="HotSpot 64-Bit Tiered Compilers"} 20000.0
                process_cpu_time_ns_total 1.0E11
                siamese_batch_size_count 100.0
                siamese_batch_size_sum 6400.0
                siamese_batch_inference_seconds_sum 5.0
                """);
        ServiceProfile after = ServiceProfile.parse("""
                jvm_compilation_time_ms_total{compiler="HotSpot 64-Bit Tiered Compilers"} 21000.0
                process_cpu_time_ns_total 1.3E11
                siamese_batch_size_count 110.0
                siamese_batch_size_sum 6500.0
                siamese_batch_inference_seconds_sum 5.2
                """);

        ServiceProfile p = after.since(before, 20.0);

        assertEquals(0.05, p.figures().get("jit_cores"), 1e-9, "1 s of compiling in 20 s");
        assertEquals(1.5, p.figures().get("service_cores"), 1e-9, "30 s of CPU in 20 s");
        assertEquals(10.0, p.figures().get("mean_batch_size"), 1e-9, "the window's batches, not the warm-up's");
        assertEquals(20.0, p.figures().get("inference_ms_per_batch"), 1e-9);
        assertTrue(p.describe().contains("service 1.5 cores, JIT 5%"), p.describe());
    }

    @Test
    void shouldPrintTheCpuOfTheProcessesBesideTheService() {
        ServiceProfile p = ServiceProfile.parse(SCRAPE)
                .withNeighbours(java.util.Map.of("broker_cores", 0.254, "registry_cores", 0.01, "benchmark_cores", 0.05));

        assertTrue(p.describe().endsWith("; beside it: broker 0.25 cores, registry 0.01, benchmark 0.05"), p.describe());
        assertFalse(ServiceProfile.parse(SCRAPE).describe().contains("beside it"), "nothing measured, nothing said");
    }

    @Test
    void shouldMeasureTheCpuAProcessUsesInTheWindow() {
        ProcessCpu cpu = ProcessCpu.start(java.util.Map.of("benchmark", ProcessHandle.current()));
        java.time.Duration start = ProcessHandle.current().info().totalCpuDuration().orElseThrow();
        long spin = 0;
        // Work until this process has used 200 ms more CPU (the clock is the CPU used, not a sleep).
        while (ProcessHandle.current().info().totalCpuDuration().orElseThrow().minus(start).toMillis() < 200) {
            for (int i = 0; i < 100_000; i++) {
                spin += i ^ spin;
            }
        }

        double cores = cpu.cores().get("benchmark_cores");

        assertTrue(cores > 0.05 && cores < 64, "a busy thread shows as CPU: " + cores + " (" + spin + ")");
    }

    @Test
    void shouldSaySoWhenTheServiceGaveNoMetrics() {
        assertEquals("no service metrics", ServiceProfile.parse("").describe());
    }

    private static String cpuScrape(double pairs, double avro, double forward, double onStream, double streamThreads,
            double producer, double processNs) {
        return """
                siamese_batch_size_count 10.0
                siamese_batch_size_sum %s
                siamese_stage_cpu_seconds_total{stage="avro_decode"} %s
                siamese_stage_cpu_seconds_total{stage="image_decode"} 0.0
                siamese_stage_cpu_seconds_total{stage="forward"} %s
                siamese_stage_cpu_seconds_total{stage="results"} 0.0
                siamese_stage_cpu_stream_threads_seconds_total %s
                siamese_thread_cpu_seconds_total{group="stream"} %s
                siamese_thread_cpu_seconds_total{group="producer_io"} %s
                siamese_thread_cpu_seconds_total{group="inference"} 0.0
                process_cpu_time_ns_total %s
                """.formatted(pairs, avro, forward, onStream, streamThreads, producer, processNs);
    }

    @Test
    void shouldSplitTheCpuOfAPairByStageOverAWindow() {
        ServiceProfile before = ServiceProfile.parse(cpuScrape(1000, 1.0, 10.0, 1.0, 5.0, 0.5, 20e9));
        ServiceProfile after = ServiceProfile.parse(cpuScrape(3000, 1.01, 10.8, 1.11, 5.31, 0.54, 21.2e9));

        ServiceProfile window = after.since(before, 2.0);

        // 2000 pairs scored in the window.
        assertEquals(5.0, window.figures().get("us_avro_decode"), 1e-6);
        assertEquals(400.0, window.figures().get("us_forward"), 1e-6);
        assertEquals(100.0, window.figures().get("us_streams"), 1e-6, "stream threads 0.31 s minus 0.11 s of stages");
        assertEquals(20.0, window.figures().get("us_producer_io"), 1e-6);
        assertEquals(600.0, window.figures().get("us_service"), 1e-6);
        assertEquals(425.0, window.figures().get("us_native"), 1e-6, "1.2 s of process CPU minus 0.35 s of Java threads");
        assertTrue(window.describeCpu(1000).startsWith("CPU us/pair: Avro 5.0, images 0.0, forward 400"),
                window.describeCpu(1000));
    }
}
