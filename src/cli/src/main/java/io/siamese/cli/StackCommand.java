package io.siamese.cli;

import io.siamese.localstack.LocalStack;
import io.siamese.localstack.StackFiles;
import io.siamese.schemas.PipelineTopics;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code siamese stack}: a local Kafka broker and schema registry in the foreground, for {@code serve},
 * {@code publish} and {@code tail} in other terminals. It has no progress to show: it prints the endpoints
 * and waits for Ctrl-C.
 */
@Command(name = "stack", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Start a local Kafka broker and Apicurio schema registry (127.0.0.1, free ports), create the pipeline's"
                + " topics and register their schemas, print the endpoints as shell exports, and run until Ctrl-C.",
            "With --json the endpoints are printed as one JSON line instead."
        })
public final class StackCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--work-dir", description = "Where data and logs go. Default: work/stack-<timestamp>.")
    Path workDir;

    @Option(names = "--json", description = "Print the endpoints as one JSON object (the last line of stdout).")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = workDir != null ? workDir
                : StackFiles.home().resolve("work").resolve("stack-" + LocalDateTime.now().format(STAMP));
        System.err.println("starting Kafka and the schema registry (data and logs in " + dir + ") ...");
        CountDownLatch stop = new CountDownLatch(1);
        try (StopOnSignal signal = new StopOnSignal("stack", stop::countDown, Duration.ofSeconds(40));
             LocalStack stack = LocalStack.start(dir)) {
            stack.createTopics(PipelineTopics.all((short) 1));
            PipelineTopics.registerSchemas(new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl())));
            // A crashed broker or registry ends the command too, instead of leaving a half stack running.
            stack.processes().forEach(process -> process.onExit().thenRun(stop::countDown));
            print(stack);
            stop.await();
            boolean crashed = stack.processes().stream().anyMatch(process -> !process.isAlive());
            System.err.println(crashed && !signal.signalled() ? "a child process exited; logs in " + dir.resolve("logs")
                    : "stopping Kafka and the schema registry");
            return signal.signalled() ? 130 : crashed ? 1 : 0;
        }
    }

    private void print(LocalStack stack) {
        if (json) {
            Map<String, Object> endpoints = new LinkedHashMap<>();
            endpoints.put("bootstrap_servers", stack.bootstrapServers());
            endpoints.put("registry_url", stack.registryUrl());
            endpoints.put("work_dir", stack.workDir().toString());
            JsonResult.print(System.out, endpoints);
        } else {
            System.out.println("export SIAMESE_BOOTSTRAP_SERVERS=" + stack.bootstrapServers());
            System.out.println("export SIAMESE_REGISTRY_URL=" + stack.registryUrl());
            System.out.flush();
            System.err.println("ready; Ctrl-C stops it");
        }
    }
}
