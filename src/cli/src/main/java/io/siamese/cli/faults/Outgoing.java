package io.siamese.cli.faults;

/**
 * A record about to be published to a scenario's input topic.
 *
 * @param label     what it is (reported when it goes missing)
 * @param key       the record key (the pair id for valid pairs)
 * @param value     the value bytes, framed or deliberately not
 * @param pairId    the pair id a result would carry, or null
 * @param expect    its required outcome
 * @param partition the partition to send it to, or null for the key's
 */
public record Outgoing(String label, String key, byte[] value, String pairId, Expect expect, Integer partition) {

    /** @return a hostile record, keyed by its label, on the key's partition */
    static Outgoing hostile(String label, byte[] value, Expect expect) {
        return new Outgoing(label, label, value, null, expect, null);
    }

    /** @return the record at input {@code p} and {@code o} */
    Input at(int p, long o) {
        return new Input(label, pairId, p, o, expect);
    }
}
