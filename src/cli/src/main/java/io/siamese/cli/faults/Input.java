package io.siamese.cli.faults;

/**
 * One record the suite published, located by what the producer's acknowledgement said.
 *
 * @param label     what it is, e.g. {@code valid} or {@code claimed-length:left.data}
 * @param pairId    the pair id a result would carry; null when the record has none a result could echo
 * @param partition input partition
 * @param offset    input offset
 * @param expect    which outcome it must have
 */
public record Input(String label, String pairId, int partition, long offset, Expect expect) {

    /** @return where the record is; dead letters name it by this */
    Position position() {
        return new Position(partition, offset);
    }

    /** A record's place in the input topic. */
    record Position(int partition, long offset) {
    }
}
