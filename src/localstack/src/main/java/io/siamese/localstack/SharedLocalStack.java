package io.siamese.localstack;

import java.nio.file.Path;

/**
 * One {@link LocalStack} per JVM for the tests of a module: the broker and registry start once (about 10 s),
 * on first use, and stop when the JVM exits (even when a test fails). Tests isolate themselves with their own topic names and subjects.
 *
 * <p>Its data and logs go to {@code target/localstack-<pid>} under the working directory (Maven runs tests in
 * the module's folder), or to the folder that system property {@value #DIR} names.
 */
public final class SharedLocalStack {

    /** System property: where the shared stack keeps its data and logs. */
    public static final String DIR = "siamese.localstack.dir";

    private static LocalStack stack;

    private SharedLocalStack() {
    }

    /** @return the running shared stack, started on first use */
    public static synchronized LocalStack get() {
        if (stack == null) {
            Path dir = Path.of(System.getProperty(DIR, "target/localstack-" + ProcessHandle.current().pid()));
            // No close here: ChildProcesses' shutdown hook stops the broker and registry when the JVM exits.
            stack = LocalStack.start(dir);
        }
        return stack;
    }
}
