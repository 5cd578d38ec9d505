package io.siamese.encoder.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The number format of a CPU forward pass's large layers: the compact network's convolutions, the
 * seed network's first linear layer. Weights are trained and stored in FP32 either way; a smaller
 * format reads fewer bytes per image and runs on the CPU's narrower dot-product instructions, at a
 * cost in embedding precision measured by {@code evaluate --precision}.
 */
public enum InferencePrecision {

    /** 32-bit floats throughout, as trained. */
    FP32(6),

    /** bfloat16 in the large layers (8 bits of mantissa), FP32 elsewhere and at the output. */
    BF16(15),

    /**
     * The seed network's first linear layer (80000x500, 81% of its multiply-adds) with int8
     * weights, one scale per output, and its input quantised per batch (FBGEMM's dynamic
     * quantisation, on the CPU's int8 dot-product instructions); FP32 elsewhere. The compact network
     * has no large linear layer, so for it this is FP32.
     */
    INT8(6),

    /** Chosen per network by {@link #resolve}: the fastest format whose accuracy was measured unchanged. */
    AUTO(-1);

    /** The service property (and system property for other processes) that sets it. */
    public static final String PROPERTY = "siamese.model.precision";

    /** The precision when none is set: {@code auto}. */
    public static final String DEFAULT = "auto";

    private final int torchScalarType;

    InferencePrecision(int torchScalarType) {
        this.torchScalarType = torchScalarType;
    }

    /** PyTorch's ScalarType number, as TorchScript code writes a dtype (of a resolved precision). */
    int torchScalarType() {
        if (this == AUTO) {
            throw new IllegalStateException("resolve AUTO for a network first");
        }
        return torchScalarType;
    }

    /** The lower-case name used on the command line and in properties. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision a forward pass of {@code architecture} runs at on this CPU: itself, unless this is
     * {@link #AUTO}. See {@link #resolve(Architecture, String)}.
     */
    public InferencePrecision resolve(Architecture architecture) {
        return resolve(architecture, cpuFlags());
    }

    /**
     * {@link #AUTO} on a CPU with the {@code /proc/cpuinfo} flags {@code flags}: for the seed network
     * {@link #INT8} where the CPU has AVX2 (FBGEMM's int8 kernels; its first linear layer ran 1.8x
     * faster than in bf16 at batch 64 with accuracy and EER unchanged); for the compact network
     * {@link #BF16} where the CPU has native bfloat16 dot products (emulated bf16 is slower); else
     * {@link #FP32}. Any other precision is returned as it is.
     */
    InferencePrecision resolve(Architecture architecture, String flags) {
        if (this != AUTO) {
            return this;
        }
        if (architecture == Architecture.SEED) {
            return hasFlag(flags, "avx2") ? INT8 : FP32;
        }
        return cpuHasNativeBf16(flags) ? BF16 : FP32;
    }

    /** Parses {@code auto}, {@code fp32}, {@code bf16} or {@code int8}, in any case. */
    public static InferencePrecision parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (InferencePrecision p : values()) {
            if (p.id().equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + name + "'; known: auto, fp32, bf16, int8");
    }

    /**
     * Whether int8 layers on this CPU quantise their input to 7 bits instead of 8, as PyTorch does
     * for FBGEMM by default: without VNNI's 32-bit int8 dot products, FBGEMM adds pairs of
     * 8-bit products in 16 bits, which full-range inputs can saturate.
     */
    static boolean int8ReduceRange() {
        return int8ReduceRange(cpuFlags());
    }

    /** {@link #int8ReduceRange()} for the {@code /proc/cpuinfo} flags line {@code flags}. */
    static boolean int8ReduceRange(String flags) {
        return !(hasFlag(flags, "avx512_vnni") || hasFlag(flags, "avx_vnni") || hasFlag(flags, "amx_int8"));
    }

    /** Whether a {@code /proc/cpuinfo} flags line names AVX512-BF16 or AMX-BF16. */
    static boolean cpuHasNativeBf16(String flags) {
        return hasFlag(flags, "avx512_bf16") || hasFlag(flags, "amx_bf16");
    }

    private static boolean hasFlag(String flags, String flag) {
        for (String f : flags.split("\\s+")) {
            if (f.equals(flag)) {
                return true;
            }
        }
        return false;
    }

    private static String cpuFlags() {
        return CpuFlags.LINE;
    }

    /** This CPU's {@code /proc/cpuinfo} flags line, read once: every embedder and graph made asks for it. */
    private static final class CpuFlags {
        static final String LINE = read();

        private static String read() {
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
}
