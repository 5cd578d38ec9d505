package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EagerCommitsTest {

    private final AtomicLong threadCommits = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final EagerCommits commits = new EagerCommits(true, 20);

    EagerCommitsTest() {
        commits.countCommits(threadCommits::get);
    }

    @Test
    void shouldWaitTwiceASlowCommitsCostBeforeAskingForTheNext() {
        commits.lingeredBatchForwarded(0, requests::incrementAndGet);
        threadCommits.incrementAndGet(); // the requested commit ...
        commits.maybeCommit(100); // ... is seen done 100 ms later: a cold thread
        commits.lingeredBatchForwarded(150, requests::incrementAndGet);
        int beforeTwiceTheCost = requests.get();
        commits.maybeCommit(199);
        int justBefore = requests.get();
        commits.maybeCommit(200);

        assertEquals(200, commits.gapMillis());
        assertEquals(1, beforeTwiceTheCost, "150 ms after the last request: under twice the last commit's 100 ms");
        assertEquals(1, justBefore);
        assertEquals(2, requests.get(), "owed since 150 ms, asked for at 200 ms");
    }

    @Test
    void shouldReturnToTheConfiguredGapOnceCommitsAreFastAgain() {
        commits.lingeredBatchForwarded(0, requests::incrementAndGet);
        threadCommits.incrementAndGet();
        commits.maybeCommit(100);
        commits.lingeredBatchForwarded(200, requests::incrementAndGet);
        threadCommits.incrementAndGet();
        commits.maybeCommit(203);
        commits.lingeredBatchForwarded(223, requests::incrementAndGet);

        assertEquals(20, commits.gapMillis(), "a 3 ms commit: the configured 20 ms gap");
        assertEquals(3, requests.get());
    }

    @Test
    void shouldKeepTheConfiguredGapWithoutACommitCount() {
        EagerCommits uncounted = new EagerCommits(true, 20);
        uncounted.lingeredBatchForwarded(0, requests::incrementAndGet);
        uncounted.maybeCommit(500);
        uncounted.lingeredBatchForwarded(520, requests::incrementAndGet);

        assertEquals(20, uncounted.gapMillis());
        assertEquals(2, requests.get());
    }
}
