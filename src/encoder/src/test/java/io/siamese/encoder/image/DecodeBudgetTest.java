package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageDecodeException.Reason;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The decode budget alone, and as {@link ImageDecoder} uses it: bytes are reserved, released, never leaked. */
class DecodeBudgetTest {

    private static final long MIB = 1 << 20;
    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Preprocessing MODEL = new Preprocessing(32, 32, false);
    private static final String SETTING = "siamese.image.max-decoded-bytes";

    @Test
    void shouldReserveAndReleaseBytesOnceEvenWhenClosedTwice() {
        DecodeBudget budget = new DecodeBudget(MIB, SETTING);
        DecodeBudget.Reservation r = budget.reserve(600 * 1024, "test", SHORT);
        assertEquals(MIB - 600 * 1024, budget.availableBytes());
        r.close();
        r.close();
        assertEquals(MIB, budget.availableBytes());
    }

    @Test
    void shouldRefuseAnImageNeedingMoreThanTheWholeBudgetAtOnceNamingTheSetting() {
        byte[] png = TestImages.encode(TestImages.gray(100, 100, TestImages::gradient), "png");
        long needs = DecodeCost.bytes(png.length, 100, 100 * 100, 1);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT, new DecodeBudget(needs - 1, SETTING),
                DecodeBudget.FOREVER);
        var refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ImageDecodeException.class, () -> MODEL.toTensor(png, decoder)));
        assertEquals(Reason.TOO_MANY_PIXELS, refused.reason());
        assertTrue(refused.getMessage().contains("100x100 PNG image needs about " + needs + " bytes"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(SETTING), refused.getMessage());
        ImageDecoder enough = new ImageDecoder(ImageLimits.DEFAULT, new DecodeBudget(needs, SETTING), SHORT);
        assertEquals(32 * 32, MODEL.toTensor(png, enough).length);
    }

    @Test
    void shouldWaitForBytesAndProceedOnceReleasedButGiveUpAsBusyAfterABoundedWait() throws Exception {
        DecodeBudget budget = new DecodeBudget(4 * MIB, SETTING);
        byte[] png = TestImages.encode(TestImages.gray(200, 200, TestImages::gradient), "png");
        ImageDecoder impatient = new ImageDecoder(ImageLimits.DEFAULT, budget, SHORT);
        ImageDecoder patient = new ImageDecoder(ImageLimits.DEFAULT, budget, DecodeBudget.FOREVER);
        DecodeBudget.Reservation all = budget.reserve(4 * MIB, "others", SHORT);

        var busy = assertThrows(DecodeBudget.BusyException.class, () -> MODEL.toTensor(png, impatient));
        assertTrue(busy.getMessage().startsWith("busy: "), busy.getMessage());
        assertTrue(busy.getMessage().contains(SETTING), busy.getMessage());

        CompletableFuture<float[]> waiting = CompletableFuture.supplyAsync(() -> MODEL.toTensor(png, patient));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!budget.hasWaiters() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(budget.hasWaiters(), "the second decode waits for bytes");
        assertFalse(waiting.isDone(), "it waits instead of failing");
        all.close();
        assertEquals(32 * 32, waiting.get(10, TimeUnit.SECONDS).length);
        assertEquals(4 * MIB, budget.availableBytes());
    }

    @Test
    void shouldHoldTheBytesUntilTheConversionEndsAndReleaseThemOnEveryFailure() {
        DecodeBudget budget = new DecodeBudget(64 * MIB, SETTING);
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT, budget, SHORT);
        byte[] png = TestImages.encode(TestImages.gray(64, 64, (x, y) -> (x * 31 ^ y * 17) & 0xff), "png");

        long held = decoder.decode(png, MODEL, image -> 64 * MIB - budget.availableBytes());
        assertEquals((DecodeCost.bytes(png.length, 64, 64 * 64, 1) + 1023) / 1024 * 1024, held,
                "the decode's estimate is reserved while converting");
        assertEquals(64 * MIB, budget.availableBytes());

        var corrupt = assertThrows(ImageDecodeException.class,
                () -> MODEL.toTensor(Arrays.copyOf(png, png.length / 2), decoder));
        assertEquals(Reason.CORRUPT, corrupt.reason());
        assertEquals(64 * MIB, budget.availableBytes(), "released after a decode failure");

        assertThrows(IllegalStateException.class, () -> decoder.decode(png, MODEL, image -> {
            throw new IllegalStateException("conversion failed");
        }));
        assertEquals(64 * MIB, budget.availableBytes(), "released after a conversion failure");

        assertThrows(OutOfMemoryError.class, () -> decoder.decode(png, MODEL, image -> {
            throw new OutOfMemoryError("simulated");
        }));
        assertEquals(64 * MIB, budget.availableBytes(), "released after an Error");

        assertThrows(ImageDecodeException.class, () -> MODEL.toTensor(TestImages.pngClaimingSize(50_000, 50_000),
                decoder));
        assertEquals(64 * MIB, budget.availableBytes(), "nothing reserved for a refused header");
    }

    @Test
    void shouldNeverBoundAnUnlimitedBudget() {
        DecodeBudget budget = DecodeBudget.unlimited();
        budget.reserve(Long.MAX_VALUE / 2, "huge", Duration.ZERO).close();
        assertEquals(Long.MAX_VALUE, budget.availableBytes());
        assertThrows(IllegalArgumentException.class, () -> new DecodeBudget(0, SETTING));
    }
}
