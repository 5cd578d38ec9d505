package io.siamese.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Every running {@link ChildProcess} of this JVM, and the one shutdown hook that stops them.
 *
 * <p>One hook stopping children newest first, instead of one hook per child (which the JVM runs all at once),
 * keeps the order of a clean shutdown on Ctrl-C: the service (started last) is stopped before the broker it
 * reads from. Children also run in a session of their own ({@code setsid}), so the terminal's Ctrl-C reaches
 * only this JVM, which then stops them in that order, rather than every process at the same moment.
 */
final class ChildProcesses {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Deque<ChildProcess> RUNNING = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "child-processes-stop"));
    }

    private ChildProcesses() {
    }

    /** @return {@code command}, run through {@code setsid} where it exists (util-linux) */
    static List<String> detachedFromTerminal(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> detached = new ArrayList<>(command.size() + 1);
        detached.add(SETSID.toString());
        detached.addAll(command);
        return detached;
    }

    static void register(ChildProcess child) {
        RUNNING.push(child);
    }

    static void unregister(ChildProcess child) {
        RUNNING.remove(child);
    }

    private static void stopAll() {
        // Newest first; close() unregisters, so the loop ends when none is left.
        for (ChildProcess child = RUNNING.peek(); child != null; child = RUNNING.peek()) {
            child.close();
            RUNNING.remove(child);
        }
    }
}
