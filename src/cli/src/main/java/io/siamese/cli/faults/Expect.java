package io.siamese.cli.faults;

/** The outcome an input must have: a result, a dead letter, or either (a hostile but scoreable record). */
public enum Expect {
    /** A valid pair: one result on the output topic; a dead letter for it is misrouted. */
    RESULT,
    /** A hostile record: one dead letter; a result for it is misrouted. */
    DEAD_LETTER,
    /** Hostile yet well-formed (a huge map, a decode bomb within the limits): either outcome, but exactly one. */
    EITHER
}
