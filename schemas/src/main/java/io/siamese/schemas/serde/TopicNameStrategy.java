package io.siamese.schemas.serde;

/**
 * Confluent's default subject naming: {@code <topic>-value} for record values, {@code <topic>-key} for keys.
 * Every record type on a topic is therefore one subject whose versions must stay compatible.
 */
public final class TopicNameStrategy {

    private TopicNameStrategy() {
    }

    /** @return the subject for a key ({@code isKey}) or value on {@code topic} */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
