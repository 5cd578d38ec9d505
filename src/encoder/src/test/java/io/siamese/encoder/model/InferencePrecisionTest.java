package io.siamese.encoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InferencePrecisionTest {

    private static final String ZEN4 = "flags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni";
    private static final String AVX2_ONLY = "flags\t\t: fpu sse4_2 avx avx2 fma";

    @Test
    void shouldChooseBf16OnlyWhereTheCpuHasBfloat16Instructions() {
        assertTrue(InferencePrecision.cpuHasNativeBf16(ZEN4));
        assertTrue(InferencePrecision.cpuHasNativeBf16("flags\t\t: fpu avx2 amx_bf16 amx_tile"));
        assertFalse(InferencePrecision.cpuHasNativeBf16("flags\t\t: fpu avx2 avx512f avx512_vnni"),
                "emulated bfloat16 is slower than fp32");
        assertFalse(InferencePrecision.cpuHasNativeBf16(""));
    }

    @Test
    void shouldResolveAutoPerNetwork() {
        assertEquals(InferencePrecision.INT8, InferencePrecision.AUTO.resolve(Architecture.SEED, ZEN4));
        assertEquals(InferencePrecision.INT8, InferencePrecision.AUTO.resolve(Architecture.SEED, AVX2_ONLY));
        assertEquals(InferencePrecision.FP32, InferencePrecision.AUTO.resolve(Architecture.SEED, "flags\t: fpu sse4_2"),
                "FBGEMM's int8 kernels need AVX2");
        assertEquals(InferencePrecision.BF16, InferencePrecision.AUTO.resolve(Architecture.COMPACT, ZEN4));
        assertEquals(InferencePrecision.FP32, InferencePrecision.AUTO.resolve(Architecture.COMPACT, AVX2_ONLY));
        assertEquals(InferencePrecision.BF16, InferencePrecision.BF16.resolve(Architecture.SEED, AVX2_ONLY),
                "a precision that is set is kept");
        assertThrows(IllegalStateException.class, InferencePrecision.AUTO::torchScalarType);
    }

    @Test
    void shouldQuantiseInt8InputsToSevenBitsOnlyWithoutVnni() {
        assertFalse(InferencePrecision.int8ReduceRange(ZEN4));
        assertFalse(InferencePrecision.int8ReduceRange("flags\t: fpu avx2 avx_vnni"));
        assertTrue(InferencePrecision.int8ReduceRange(AVX2_ONLY), "16-bit sums of 8-bit products can saturate");
    }

    @Test
    void shouldParseTheNamesAndRefuseOthers() {
        assertEquals(InferencePrecision.FP32, InferencePrecision.parse(" FP32 "));
        assertEquals(InferencePrecision.BF16, InferencePrecision.parse("bf16"));
        assertEquals(InferencePrecision.INT8, InferencePrecision.parse("Int8"));
        assertEquals(InferencePrecision.AUTO, InferencePrecision.parse(InferencePrecision.DEFAULT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferencePrecision.parse("fp16"));
        assertTrue(e.getMessage().contains("auto, fp32, bf16, int8"), e.getMessage());
    }
}
