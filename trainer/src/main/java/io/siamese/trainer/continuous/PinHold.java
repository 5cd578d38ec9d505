package io.siamese.trainer.continuous;

import io.siamese.schemas.Topics;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;

/**
 * Whether a due round waits for the operator's pin. While a version is pinned every service serves it, so a
 * promotion would not be served and the gate would compare against a model out of service; while the pin cannot
 * be read, nobody knows, so the round waits too (ingesting goes on). A wait is reported once per reason, not on
 * every try; the trigger stays due, so the round runs at the first try after the pin is gone.
 *
 * <p>Used from the trainer's run thread only.
 */
final class PinHold {

    /** Reads the pin as every service follows it; {@link OperatorPin} is the real one. */
    interface PinReader {
        /**
         * @return the version pinned now, if any
         * @throws KafkaException when Kafka or the registry fail
         * @throws IllegalStateException when the pin cannot be read in time
         */
        Optional<String> current();
    }

    private final PinReader pin;
    private final Consumer<String> report;
    private String reported; // the reason last reported, so a long wait is reported once

    /**
     * @param pin where the pin is read
     * @param report told why a round waits (the trainer's listener), once per reason
     */
    PinHold(PinReader pin, Consumer<String> report) {
        this.pin = pin;
        this.report = report;
    }

    /** @return true when the due round must wait; false when it may run now */
    boolean holdsRound() {
        Optional<String> pinned;
        try {
            pinned = pin.current();
        } catch (KafkaException | IllegalStateException e) {
            return hold("cannot read the operator's pin from " + Topics.MODEL_CHECKPOINTS + " (" + e.getMessage()
                    + "): the round waits");
        }
        if (pinned.isPresent()) {
            return hold("an operator pinned " + pinned.get() + " on " + Topics.MODEL_CHECKPOINTS
                    + ": no round until the pin is removed");
        }
        reported = null;
        return false;
    }

    private boolean hold(String why) {
        if (!why.equals(reported)) {
            report.accept(why);
            reported = why;
        }
        return true;
    }
}
