package io.siamese.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairStoreTest {

    @TempDir
    Path dir;

    static StoredPair pair(String id, int label) {
        return new StoredPair(id, label, "test", new byte[] {1, 2, (byte) id.hashCode()}, "image/png",
                new byte[] {3, 4}, "image/png");
    }

    private static List<String> ids(PairStore store) {
        return store.readAll().stream().map(StoredPair::pairId).toList();
    }

    @Test
    void keepsAtMostHalfTheCapacityPerLabelEvictingTheOldestOfTheFullLabel() {
        PairStore store = PairStore.open(dir, 6);
        for (int i = 0; i < 5; i++) {
            store.put(pair("s" + i, 0));
        }
        store.put(pair("d0", 1));
        store.put(pair("d1", 1));

        assertEquals(5, store.size());
        assertEquals(3, store.count(0), "same pairs capped at 6/2");
        assertEquals(2, store.count(1), "the under-represented label keeps all of its pairs");
        assertEquals(List.of("s2", "s3", "s4", "d0", "d1"), ids(store), "oldest same pairs evicted, order by age");
        assertFalse(store.contains("s0"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(5, files.count(), "evicted pairs are deleted from disk");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void refusesAPairWhoseIdIsHeldAlready() {
        PairStore store = PairStore.open(dir, 10);

        assertTrue(store.put(pair("a", 0)));
        assertFalse(store.put(pair("a", 1)), "a re-delivery is not stored twice");
        assertEquals(1, store.size());
        assertEquals(0, store.readAll().get(0).label());
    }

    @Test
    void reopeningRestoresThePairsTheirOrderAndTheBounds() {
        PairStore first = PairStore.open(dir, 4);
        first.put(pair("a", 0));
        first.put(pair("b", 1));
        first.put(pair("c", 0));

        PairStore reopened = PairStore.open(dir, 4);

        assertEquals(List.of("a", "b", "c"), ids(reopened));
        assertTrue(reopened.contains("b"));
        reopened.put(pair("d", 0));
        assertEquals(List.of("b", "c", "d"), ids(reopened), "the oldest same pair goes; new ones are newest");
        assertEquals(List.of("b", "c", "d"), ids(PairStore.open(dir, 4)));
        assertEquals(List.of("b", "d"), ids(PairStore.open(dir, 2)), "a lowered capacity applies on open, per label");
    }

    @Test
    void roundTripsEveryFieldOfAPair() {
        StoredPair original = new StoredPair("id-é", 1, "review", new byte[] {9, 8, 7}, "image/jpeg",
                new byte[] {6}, "image/png");
        PairStore.open(dir, 4).put(original);

        StoredPair read = PairStore.open(dir, 4).readAll().get(0);

        assertEquals(original.pairId(), read.pairId());
        assertEquals(1, read.label());
        assertEquals("review", read.source());
        assertEquals("image/jpeg", read.leftType());
        assertTrue(java.util.Arrays.equals(original.left(), read.left()));
        assertTrue(java.util.Arrays.equals(original.right(), read.right()));
    }

    @Test
    void dropsHalfWrittenAndCorruptFilesWhenOpening() throws IOException {
        PairStore store = PairStore.open(dir, 10);
        store.put(pair("good", 0));
        store.put(pair("bad", 1));
        Path bad = dir.resolve(PairFiles.name(1));
        byte[] bytes = Files.readAllBytes(bad);
        bytes[10] ^= 0x55;
        Files.write(bad, bytes);
        Files.write(dir.resolve(PairFiles.name(2) + PairFiles.TEMP_SUFFIX), new byte[] {1, 2, 3});

        PairStore reopened = PairStore.open(dir, 10);

        assertEquals(List.of("good"), ids(reopened));
        assertEquals(1, reopened.droppedOnOpen());
        assertFalse(Files.exists(dir.resolve(PairFiles.name(2) + PairFiles.TEMP_SUFFIX)));
        assertTrue(reopened.put(pair("next", 1)));
        assertEquals(List.of("good", "next"), ids(PairStore.open(dir, 10)));
    }
}
