package io.siamese.cli.tail;

/**
 * What a {@link ResultTail} reads.
 *
 * @param deadLetters also read the dead-letter topic
 * @param follow      keep reading new records until stopped; otherwise stop once the end offsets seen at the
 *                    start are reached
 * @param last        start this many records before the end of each partition; negative: from the beginning
 */
public record TailOptions(boolean deadLetters, boolean follow, long last) {

    /** @return options that read everything from the beginning of both topics and keep following */
    public static TailOptions everythingFollowing() {
        return new TailOptions(true, true, -1);
    }

    /** @return whether reading starts at the beginning of each partition */
    public boolean fromBeginning() {
        return last < 0;
    }
}
