package io.siamese.cli;

import ai.djl.Device;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: output mode and device. */
public final class CommonOptions {

    @Option(names = "--json", description = "Print one JSON object with the results as the last line of stdout.")
    boolean json;

    @Option(names = "--device", defaultValue = "cpu",
            description = "cpu (default) or cuda (needs the CUDA build: mvn -Pcuda). Default: ${DEFAULT-VALUE}.")
    String device;

    /** The DJL device named by {@code --device}. */
    Device device() {
        return switch (device) {
            case "cpu" -> Device.cpu();
            case "cuda", "gpu" -> Device.gpu();
            default -> throw new IllegalArgumentException("unknown device '" + device + "'; use cpu or cuda");
        };
    }

    /** The default model shipped in the repository ({@code models/default}). */
    static Path defaultModel() {
        return home().resolve("models").resolve("default");
    }

    /** The repository root, as passed by the launcher ({@code -Dsiamese.home}). */
    static Path home() {
        return Path.of(System.getProperty("siamese.home", "."));
    }
}
