package io.siamese.service.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siamese.service.stream.CpuStage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StageCpuMetricsTest {

    @Test
    void shouldExportTheCpuOfEachStageInSeconds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerStreamMetrics metrics = new MicrometerStreamMetrics(registry);

        metrics.stageCpu(CpuStage.AVRO_DECODE, 1_500_000_000L);
        metrics.stageCpu(CpuStage.AVRO_DECODE, 500_000_000L);
        metrics.stageCpu(CpuStage.FORWARD, -5); // a clock that cannot tell: ignored

        assertEquals(2.0, registry.get("siamese.stage.cpu").tag("stage", "avro_decode").functionCounter().count());
        assertEquals(0.0, registry.get("siamese.stage.cpu").tag("stage", "forward").functionCounter().count());
    }

    @Test
    void shouldGroupThreadsByWhatTheyDo() {
        assertEquals(ThreadGroupCpu.Group.STREAM, ThreadGroupCpu.Group.of("siamese-streams-5f2c-StreamThread-1"));
        assertEquals(ThreadGroupCpu.Group.PRODUCER_IO,
                ThreadGroupCpu.Group.of("kafka-producer-network-thread | siamese-StreamThread-1-producer"));
        assertEquals(ThreadGroupCpu.Group.DECODE, ThreadGroupCpu.Group.of("siamese-decode-3"));
        assertEquals(ThreadGroupCpu.Group.INFERENCE, ThreadGroupCpu.Group.of("siamese-inference-1"));
        assertEquals(ThreadGroupCpu.Group.OTHER, ThreadGroupCpu.Group.of("main"));
    }

    @Test
    void shouldCountTheCpuOfLiveThreadsOfAGroup() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new MicrometerStreamMetrics(registry);
        double before = registry.get("siamese.thread.cpu").tag("group", "decode").functionCounter().count();
        Thread busy = new Thread(() -> {
            long end = System.nanoTime() + 200_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
            synchronized (StageCpuMetricsTest.class) {
                StageCpuMetricsTest.class.notifyAll();
            }
            try {
                Thread.sleep(Long.MAX_VALUE); // stays alive so its CPU stays in the sum
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "siamese-decode-test");
        busy.setDaemon(true);
        synchronized (StageCpuMetricsTest.class) {
            busy.start();
            StageCpuMetricsTest.class.wait(10_000);
        }
        double after = registry.get("siamese.thread.cpu").tag("group", "decode").functionCounter().count();
        busy.interrupt();
        assertTrue(after - before > 0.05, "a decode thread that spun for 0.2 s: " + (after - before) + " s");
    }

    @Test
    void shouldWalkTheThreadsOncePerScrapeNotOncePerGroup() {
        AtomicInteger walks = new AtomicInteger();
        long[] now = {0};
        ThreadGroupCpu cpu = new ThreadGroupCpu(() -> {
            walks.incrementAndGet();
            return Map.of(ThreadGroupCpu.Group.STREAM, 2_000_000_000L);
        }, () -> now[0]);

        for (ThreadGroupCpu.Group g : ThreadGroupCpu.Group.values()) {
            cpu.seconds(g);
        }
        double stream = cpu.seconds(ThreadGroupCpu.Group.STREAM);
        now[0] += ThreadGroupCpu.SNAPSHOT_AGE_NANOS + 1;
        cpu.seconds(ThreadGroupCpu.Group.OTHER);

        assertEquals(2.0, stream);
        assertEquals(0.0, cpu.seconds(ThreadGroupCpu.Group.DECODE), "a group without live threads");
        assertEquals(2, walks.get(), "one walk for the scrape, one once the snapshot is old");
    }
}
