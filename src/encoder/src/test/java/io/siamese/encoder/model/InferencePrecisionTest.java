package io.siamese.encoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InferencePrecisionTest {

    @Test
    void shouldChooseBf16OnlyWhereTheCpuHasBfloat16Instructions() {
        assertTrue(InferencePrecision.cpuHasNativeBf16("flags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni"));
        assertTrue(InferencePrecision.cpuHasNativeBf16("flags\t\t: fpu avx2 amx_bf16 amx_tile"));
        assertFalse(InferencePrecision.cpuHasNativeBf16("flags\t\t: fpu avx2 avx512f avx512_vnni"),
                "emulated bfloat16 is slower than fp32");
        assertFalse(InferencePrecision.cpuHasNativeBf16(""));
    }

    @Test
    void shouldParseTheNamesAndRefuseOthers() {
        assertEquals(InferencePrecision.FP32, InferencePrecision.parse(" FP32 "));
        assertEquals(InferencePrecision.BF16, InferencePrecision.parse("bf16"));
        assertEquals(InferencePrecision.auto(), InferencePrecision.parse(InferencePrecision.DEFAULT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferencePrecision.parse("int8"));
        assertTrue(e.getMessage().contains("auto, fp32, bf16"), e.getMessage());
    }
}
