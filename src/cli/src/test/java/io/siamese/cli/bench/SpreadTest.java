package io.siamese.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void shouldTakeTheMiddleValueOfAnOddCount() {
        Spread s = Spread.of(List.of(3.0, 1.0, 2.0));
        assertEquals(2.0, s.median());
        assertEquals(1.0, s.min());
        assertEquals(3.0, s.max());
        assertEquals(3, s.count());
    }

    @Test
    void shouldAverageTheTwoMiddleValuesOfAnEvenCount() {
        assertEquals(2.5, Spread.of(List.of(4.0, 1.0, 3.0, 2.0)).median());
    }

    @Test
    void shouldFormatMedianAndRange() {
        assertEquals("2.00 [1.50..3.25]", Spread.of(List.of(1.5, 2.0, 3.25)).format("%.2f"));
    }

    @Test
    void shouldRefuseNoValues() {
        assertThrows(IllegalArgumentException.class, () -> Spread.of(List.of()));
    }
}
