package io.siamese.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fault suite's verdicts rest on this accounting: each way an input can go wrong must be counted. */
class LedgerTest {

    private final Ledger ledger = new Ledger();

    private Input valid(String id, int partition, long offset) {
        Input input = new Input("valid", id, partition, offset, Expect.RESULT);
        ledger.published(input);
        return input;
    }

    private Input hostile(int partition, long offset) {
        Input input = new Input("random-bytes", null, partition, offset, Expect.DEAD_LETTER);
        ledger.published(input);
        return input;
    }

    @Test
    void shouldCountAnInputWithNoOutcomeAsLost() {
        valid("a", 0, 0);
        valid("b", 0, 1);
        ledger.result("a", 1);

        Tally t = ledger.tally(0);

        assertEquals(1, t.lost());
        assertFalse(ledger.allAccounted());
    }

    @Test
    void shouldCountASecondResultForOnePairAsDuplicated() {
        valid("a", 0, 0);
        ledger.result("a", 1);
        ledger.result("a", 2);

        Tally t = ledger.tally(0);

        assertEquals(0, t.lost());
        assertEquals(1, t.duplicated());
    }

    @Test
    void shouldCountAResultAndADeadLetterForOneInputAsDuplicated() {
        valid("a", 1, 7);
        ledger.result("a", 1);
        ledger.deadLetter(new Input.Position(1, 7), "INFERENCE_FAILURE", 2);

        assertEquals(1, ledger.tally(0).duplicated());
    }

    @Test
    void shouldCountAValidPairDeadLetteredAsMisrouted() {
        valid("a", 2, 3);
        ledger.deadLetter(new Input.Position(2, 3), "DESERIALIZATION", 1);

        Tally t = ledger.tally(0);

        assertEquals(0, t.lost());
        assertEquals(1, t.misrouted());
    }

    @Test
    void shouldCountOutcomesOfNoInputAndUndecodableOutputAsMisrouted() {
        hostile(0, 0);
        ledger.deadLetter(new Input.Position(0, 0), "DESERIALIZATION", 1);
        ledger.deadLetter(new Input.Position(0, 99), "DESERIALIZATION", 1);
        ledger.result("nobody", 1);
        ledger.undecodable();

        assertEquals(3, ledger.tally(0).misrouted());
    }

    @Test
    void shouldAccountEveryInputWithExactlyOneExpectedOutcome() {
        valid("a", 0, 0);
        hostile(0, 1);
        ledger.result("a", 1);
        ledger.deadLetter(new Input.Position(0, 1), "DESERIALIZATION", 2);

        Tally t = ledger.tally(0);

        assertTrue(ledger.allAccounted());
        assertEquals(2, t.inputs());
        assertEquals(0, t.lost() + t.duplicated() + t.misrouted());
    }
}
