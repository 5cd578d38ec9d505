package io.siamese.trainer.continuous;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A bounded, label-balanced store of labelled pairs on disk: one file per pair ({@link PairFiles}) in one
 * directory, named by an increasing sequence number. It holds at most {@code capacity / 2} pairs of each
 * label; storing one more of a full label deletes the oldest pair of that label, so the store follows the
 * stream while a burst of one label cannot crowd out the other. The index (ids, ages, labels) lives in memory
 * and is rebuilt from the files on {@link #open}, so a restarted trainer starts with what it had.
 * Thread-safe.
 */
public final class PairStore {

    private record Entry(long seq, String pairId) {}

    private final Path dir;
    private final int capacity;
    private final List<ArrayDeque<Entry>> byLabel = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private final Set<String> ids = new HashSet<>();
    private long nextSeq;
    private int dropped;

    private PairStore(Path dir, int capacity) {
        this.dir = dir;
        this.capacity = capacity;
    }

    /**
     * Opens (or creates) the store in {@code dir}; deletes files a crash left half-written and files that fail
     * their checksum, and applies the bound in case it was lowered since the files were written.
     *
     * @param dir the store's directory
     * @param capacity most pairs held, half of them per label; at least 2
     * @return the store
     * @throws UncheckedIOException when the directory cannot be read or created
     */
    public static PairStore open(Path dir, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("pair store capacity must be >= 2, got " + capacity);
        }
        PairStore store = new PairStore(dir, capacity);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    store.load(file);
                }
            }
            for (int label = 0; label < 2; label++) {
                store.evictBeyondBound(label);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the pair store " + dir + ": " + e.getMessage(), e);
        }
        return store;
    }

    private void load(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(PairFiles.TEMP_SUFFIX)) {
            Files.deleteIfExists(file); // a write the crash interrupted: its offset was never committed
            return;
        }
        if (!name.endsWith(PairFiles.SUFFIX)) {
            return;
        }
        try {
            StoredPair pair = PairFiles.read(file);
            long seq = PairFiles.seqOf(file);
            byLabel.get(pair.label()).addLast(new Entry(seq, pair.pairId()));
            ids.add(pair.pairId());
            nextSeq = Math.max(nextSeq, seq + 1);
        } catch (IOException | NumberFormatException e) {
            Files.deleteIfExists(file);
            dropped++;
        }
    }

    /**
     * Stores a pair durably (it is on disk when this returns), evicting the oldest pair of its label when that
     * label is full.
     *
     * @param pair the pair
     * @return false when a pair with this id is held already (a re-delivery): nothing changes
     * @throws UncheckedIOException when the file cannot be written
     */
    public synchronized boolean put(StoredPair pair) {
        if (ids.contains(pair.pairId())) {
            return false;
        }
        long seq = nextSeq++;
        try {
            PairFiles.write(dir, seq, pair);
            byLabel.get(pair.label()).addLast(new Entry(seq, pair.pairId()));
            ids.add(pair.pairId());
            evictBeyondBound(pair.label());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store pair " + pair.pairId() + " in " + dir + ": "
                    + e.getMessage(), e);
        }
        return true;
    }

    private void evictBeyondBound(int label) throws IOException {
        ArrayDeque<Entry> entries = byLabel.get(label);
        while (entries.size() > capacity / 2) {
            Entry oldest = entries.removeFirst();
            ids.remove(oldest.pairId());
            Files.deleteIfExists(dir.resolve(PairFiles.name(oldest.seq())));
        }
    }

    /**
     * Reads every pair held, oldest first.
     *
     * @throws UncheckedIOException when a file cannot be read
     */
    public synchronized List<StoredPair> readAll() {
        List<Entry> entries = new ArrayList<>(byLabel.get(0));
        entries.addAll(byLabel.get(1));
        entries.sort(Comparator.comparingLong(Entry::seq));
        List<StoredPair> pairs = new ArrayList<>(entries.size());
        try {
            for (Entry entry : entries) {
                pairs.add(PairFiles.read(dir.resolve(PairFiles.name(entry.seq()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pair store " + dir + ": " + e.getMessage(), e);
        }
        return pairs;
    }

    /** Whether a pair with this id is held. */
    public synchronized boolean contains(String pairId) {
        return ids.contains(pairId);
    }

    /** Pairs held. */
    public synchronized int size() {
        return byLabel.get(0).size() + byLabel.get(1).size();
    }

    /** Pairs held with {@code label} (0 same, 1 different). */
    public synchronized int count(int label) {
        return byLabel.get(label).size();
    }

    /** Most pairs held, half per label. */
    public int capacity() {
        return capacity;
    }

    /** Unreadable pair files deleted when the store was opened. */
    public synchronized int droppedOnOpen() {
        return dropped;
    }

    /** The store's directory. */
    public Path directory() {
        return dir;
    }
}
