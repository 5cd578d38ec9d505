package io.siamese.trainer.continuous;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The trainer's counters, kept in a small JSON file beside the pair store so that a restart continues them
 * (Prometheus counters must not fall back to zero) and the retraining trigger keeps its progress. Saved
 * after every committed poll and every round, by writing a temporary file and renaming it.
 *
 * @param pairsSeen labelled pairs consumed and stored (training, validation and holdout)
 * @param pairsSkipped records that could not be used (unreadable, undecodable images, bad label)
 * @param duplicates re-delivered pairs that were stored already
 * @param newLabels training labels since the last round
 * @param lastRoundAtMillis when the last round ended (or training began), epoch milliseconds
 * @param rounds rounds run
 * @param promotions candidates promoted
 * @param rejections candidates refused by the gate
 * @param servingVersion the version the trainer believes is served (its last promotion or its base)
 * @param lastLoss mean training loss of the last round, NaN before the first
 * @param pairsTrained training pairs (with repeats over epochs) of all rounds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainerState(long pairsSeen, long pairsSkipped, long duplicates, long newLabels,
        long lastRoundAtMillis, long rounds, long promotions, long rejections, String servingVersion,
        double lastLoss, long pairsTrained) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The state of a trainer that has never run, starting its clock now. */
    public static TrainerState fresh(long nowMillis) {
        return new TrainerState(0, 0, 0, 0, nowMillis, 0, 0, 0, null, Double.NaN, 0);
    }

    /**
     * Reads the state file, or a fresh state when there is none yet.
     *
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public static TrainerState load(Path file, long nowMillis) {
        if (!Files.isRegularFile(file)) {
            return fresh(nowMillis);
        }
        try {
            return JSON.readValue(file.toFile(), TrainerState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trainer state " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the state atomically: a reader (or a restart) sees the old or the new file, never half of one.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    public void save(Path file) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(temp.toFile(), this);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trainer state " + file + ": " + e.getMessage(), e);
        }
    }

    /** After consuming: {@code stored} new pairs, {@code skipped} unusable, {@code dup} re-deliveries. */
    public TrainerState withIngested(long stored, long skipped, long dup, long trainingLabels) {
        return new TrainerState(pairsSeen + stored, pairsSkipped + skipped, duplicates + dup,
                newLabels + trainingLabels, lastRoundAtMillis, rounds, promotions, rejections, servingVersion,
                lastLoss, pairsTrained);
    }

    /** With the trigger's progress. */
    public TrainerState withTrigger(long labels, long lastRoundAt) {
        return new TrainerState(pairsSeen, pairsSkipped, duplicates, labels, lastRoundAt, rounds, promotions,
                rejections, servingVersion, lastLoss, pairsTrained);
    }

    /** After a round that trained a candidate: promoted or not, and the serving version afterwards. */
    public TrainerState withRound(boolean promoted, String serving, double loss, long trained) {
        return new TrainerState(pairsSeen, pairsSkipped, duplicates, newLabels, lastRoundAtMillis, rounds + 1,
                promotions + (promoted ? 1 : 0), rejections + (promoted ? 0 : 1), serving, loss,
                pairsTrained + trained);
    }

    /** With the version being served. */
    public TrainerState withServing(String version) {
        return new TrainerState(pairsSeen, pairsSkipped, duplicates, newLabels, lastRoundAtMillis, rounds,
                promotions, rejections, version, lastLoss, pairsTrained);
    }
}
