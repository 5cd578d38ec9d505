package io.siamese.cli.tail;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.PairDissimilarity;
import java.util.Locale;
import java.util.Optional;

/** One human-readable line per result or dead letter, as {@code siamese tail} prints them. */
public final class ResultFormat {

    private static final int MAX_MESSAGE = 120;

    private ResultFormat() {
    }

    /**
     * Formats e.g. {@code p-lx3k9a-17  0.4213  SAME       v20250102-0304  label 0 ok  acc 0.912}.
     *
     * @param key             the record key, used when the result has no pair id
     * @param result          the result
     * @param correct         whether the decision matched the true label, empty when unknown
     * @param runningAccuracy accuracy so far, NaN to leave it out
     * @return the line
     */
    public static String result(String key, PairDissimilarity result, Optional<Boolean> correct,
                                double runningAccuracy) {
        String id = result.getPairId() != null ? result.getPairId() : key;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s  %.4f  %-9s  %s", id,
                result.getDistance(), result.getDecision(), result.getModelVersion()));
        StreamStats.trueLabel(result).ifPresent(label -> line.append("  label ").append(label)
                .append(correct.orElse(false) ? " ok" : " WRONG"));
        if (!Double.isNaN(runningAccuracy)) {
            line.append(String.format(Locale.ROOT, "  acc %.3f", runningAccuracy));
        }
        return line.toString();
    }

    /**
     * Formats e.g. {@code DLQ  p-lx3k9a-18  CORRUPT_IMAGE  image-pairs[2]@15  corrupt PNG image: ...}.
     *
     * @param key        the record key (the dead letter's own key, normally the failed record's key)
     * @param deadLetter the dead letter
     * @return the line, the message shortened to one line of at most 120 characters
     */
    public static String deadLetter(String key, DeadLetter deadLetter) {
        String message = deadLetter.getErrorMessage().replaceAll("\\s+", " ");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 3) + "...";
        }
        return String.format(Locale.ROOT, "DLQ  %s  %s  %s[%d]@%d  %s", key, deadLetter.getErrorKind(),
                deadLetter.getSourceTopic(), deadLetter.getPartition(), deadLetter.getOffset(), message);
    }
}
