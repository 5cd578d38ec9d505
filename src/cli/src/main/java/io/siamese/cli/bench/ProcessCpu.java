package io.siamese.cli.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used by the processes a benchmark row shares the machine with (the broker, the registry, the benchmark
 * itself; the service reports its own), as cores over a window: on a 2-core machine what they take is what
 * the forward passes cannot have. Read from the operating system ({@link ProcessHandle.Info#totalCpuDuration()}).
 */
final class ProcessCpu {

    private final Map<String, ProcessHandle> processes;
    private final Map<String, Duration> atStart;
    private final long startNanos;

    private ProcessCpu(Map<String, ProcessHandle> processes) {
        this.processes = processes;
        this.atStart = cpu(processes);
        this.startNanos = System.nanoTime();
    }

    /**
     * Starts a window now.
     *
     * @param processes name to process, in the order figures should be printed
     */
    static ProcessCpu start(Map<String, ProcessHandle> processes) {
        return new ProcessCpu(new LinkedHashMap<>(processes));
    }

    /**
     * @return name to cores used since {@link #start} ({@code <name>_cores}); processes whose CPU time the
     *     operating system does not report are left out
     */
    Map<String, Double> cores() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Duration> now = cpu(processes);
        Map<String, Double> cores = new LinkedHashMap<>();
        now.forEach((name, cpu) -> {
            Duration before = atStart.get(name);
            if (before != null && seconds > 0) {
                cores.put(name + "_cores", cpu.minus(before).toNanos() / 1e9 / seconds);
            }
        });
        return cores;
    }

    private static Map<String, Duration> cpu(Map<String, ProcessHandle> processes) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        processes.forEach((name, p) -> p.info().totalCpuDuration().ifPresent(d -> cpu.put(name, d)));
        return cpu;
    }
}
