package io.siamese.encoder.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The number format of a CPU forward pass's large layers: the compact network's convolutions, the
 * seed network's linear layers. Weights are trained and stored in FP32 either way; BF16 halves the
 * bytes read per image and runs on the CPU's bfloat16 dot-product instructions where it has them
 * (AVX512-BF16, AMX), at a cost in embedding precision measured by {@code evaluate --precision}.
 */
public enum InferencePrecision {

    /** 32-bit floats throughout, as trained. */
    FP32(6),

    /** bfloat16 in the large layers (8 bits of mantissa), FP32 elsewhere and at the output. */
    BF16(15);

    /** The service property (and system property for other processes) that sets it. */
    public static final String PROPERTY = "siamese.model.precision";

    /** The precision when none is set: {@code auto}. */
    public static final String DEFAULT = "auto";

    private final int torchScalarType;

    InferencePrecision(int torchScalarType) {
        this.torchScalarType = torchScalarType;
    }

    /** PyTorch's ScalarType number, as TorchScript code writes a dtype. */
    int torchScalarType() {
        return torchScalarType;
    }

    /** The lower-case name used on the command line and in properties. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code fp32}, {@code bf16} or {@code auto} (bf16 where this CPU has native bfloat16
     * instructions, else fp32).
     */
    public static InferencePrecision parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "fp32" -> FP32;
            case "bf16" -> BF16;
            case "auto" -> auto();
            default -> throw new IllegalArgumentException("unknown precision '" + name + "'; known: auto, fp32, bf16");
        };
    }

    /** BF16 where this CPU has native bfloat16 dot products, else FP32 (emulated BF16 is slower). */
    public static InferencePrecision auto() {
        return cpuHasNativeBf16(cpuFlags()) ? BF16 : FP32;
    }

    /** Whether a {@code /proc/cpuinfo} flags line names AVX512-BF16 or AMX-BF16. */
    static boolean cpuHasNativeBf16(String flags) {
        for (String f : flags.split("\\s+")) {
            if (f.equals("avx512_bf16") || f.equals("amx_bf16")) {
                return true;
            }
        }
        return false;
    }

    private static String cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
