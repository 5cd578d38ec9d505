package io.siamese.service.stream;

import io.siamese.encoder.image.DecodeBudget;
import io.siamese.encoder.image.Preprocessing;
import io.siamese.schemas.DeadLetterKinds;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.serde.RegistryUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and preprocesses the images of a flushed batch, split across threads: the calling stream
 * thread decodes one share and a process-wide pool the others, so a batch's PNG decoding and
 * resizing use every core instead of one. Results come back in the order given.
 *
 * <p>Each image takes its share of the process-wide decode budget first; the stream's decoder waits
 * for it without a practical limit ({@code DecodeBudget.FOREVER}), since every holder releases its
 * share within one image's decode, so many large images in one batch are decoded a few at a time
 * instead of all at once, and none becomes a dead letter for waiting. Were a wait ever to end busy
 * (an interrupt at shutdown), the batch fails and is retried rather than dead-lettering valid pairs.
 */
final class BatchDecoder {

    /** A buffered pair to decode; {@code pair} is null for one restored from the changelog (still raw). */
    record Item(BufferedRecord record, ImagePair pair) {}

    /**
     * The outcome for one item: its tensors, or why it is rejected (its dead letter), or the registry failure
     * that kept it from being read ({@code unavailable}: no verdict, the pair must be held).
     */
    record Decoded(BufferedRecord record, DecodedPair pair, RejectedRecord rejected,
            RegistryUnavailableException unavailable) {

        Decoded(BufferedRecord record, DecodedPair pair, RejectedRecord rejected) {
            this(record, pair, rejected, null);
        }
    }

    /** Fewer items than this per thread are not worth a hand-off. */
    private static final int MIN_PER_THREAD = 4;
    private static final ExecutorService POOL = Executors.newCachedThreadPool(daemonThreads());

    private final PairDecoder decoder;
    private final int threads;
    private final StreamMetrics metrics;

    BatchDecoder(PairDecoder decoder, int threads, StreamMetrics metrics) {
        this.decoder = decoder;
        this.threads = Math.max(1, threads);
        this.metrics = metrics;
    }

    /** Decodes every item for {@code preprocessing}; never throws for a bad item. */
    List<Decoded> decode(List<Item> items, Preprocessing preprocessing) {
        int shares = Math.min(threads, Math.max(1, items.size() / MIN_PER_THREAD));
        if (shares == 1) {
            return decodeRange(items, 0, items.size(), preprocessing);
        }
        int per = (items.size() + shares - 1) / shares;
        List<CompletableFuture<List<Decoded>>> others = new ArrayList<>(shares - 1);
        for (int from = per; from < items.size(); from += per) {
            int start = from;
            int end = Math.min(items.size(), from + per);
            others.add(CompletableFuture.supplyAsync(() -> decodeRange(items, start, end, preprocessing), POOL));
        }
        List<Decoded> out = new ArrayList<>(items.size());
        out.addAll(decodeRange(items, 0, Math.min(per, items.size()), preprocessing));
        for (CompletableFuture<List<Decoded>> f : others) {
            out.addAll(f.join());
        }
        return out;
    }

    private List<Decoded> decodeRange(List<Item> items, int from, int to, Preprocessing preprocessing) {
        List<Decoded> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(decodeOne(items.get(i), preprocessing));
        }
        return out;
    }

    private Decoded decodeOne(Item item, Preprocessing preprocessing) {
        BufferedRecord raw = item.record();
        if (item.pair() == null && raw.value() == null) {
            return new Decoded(raw, null, new RejectedRecord(DeadLetterKinds.INPUT_EXPIRED, "pair buffered at "
                    + raw.topic() + "-" + raw.partition() + "@" + raw.offset() + " when the service stopped was no"
                    + " longer in the topic when it restarted (retention removed it), so it could not be scored"));
        }
        try {
            long cpu = CpuStage.threadCpuNanos();
            ImagePair pair = item.pair() != null ? item.pair() : decoder.deserialize(raw.topic(), raw.value());
            long decoded = CpuStage.threadCpuNanos();
            if (item.pair() == null) {
                metrics.stageCpu(CpuStage.AVRO_DECODE, decoded - cpu);
            }
            Decoded out = new Decoded(raw, decoder.decode(pair, preprocessing), null);
            metrics.stageCpu(CpuStage.IMAGE_DECODE, CpuStage.threadCpuNanos() - decoded);
            return out;
        } catch (RejectedRecord e) {
            return new Decoded(raw, null, e);
        } catch (RegistryUnavailableException e) {
            return new Decoded(raw, null, null, e);
        } catch (DecodeBudget.BusyException e) {
            // A busy process says nothing about the pair: fail the batch (it is retried), never dead-letter it.
            throw e;
        } catch (RuntimeException e) {
            // A decoder bug must cost this pair, not the batch or the stream thread.
            return new Decoded(raw, null, new RejectedRecord(DeadLetterKinds.CORRUPT_IMAGE,
                    "image could not be decoded: " + e));
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "siamese-decode-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
