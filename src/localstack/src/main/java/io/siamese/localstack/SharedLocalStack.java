package io.siamese.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One {@link LocalStack} per test JVM (per class loader: Quarkus tests load this class again) for the tests of a
 * module: the broker and registry start once (about 10 s), on first use, and stop when the JVM exits, even when
 * a test fails. Tests isolate themselves with their own topic names and subjects.
 *
 * <p>Its data and logs go to a new {@code localstack-*} folder under {@code target} in the working directory
 * (Maven runs tests in the module's folder), or under the folder that system property {@value #DIR} names.
 */
public final class SharedLocalStack {

    /** System property: where the shared stack keeps its data and logs. */
    public static final String DIR = "localstack.dir";

    private static LocalStack stack;

    private SharedLocalStack() {
    }

    /** @return the running shared stack, started on first use */
    public static synchronized LocalStack get() {
        if (stack == null) {
            Path dir;
            try {
                Path parent = Files.createDirectories(Path.of(System.getProperty(DIR, "target")));
                dir = Files.createTempDirectory(parent, "localstack-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the shared local stack's folder", e);
            }
            // No close here: ChildProcesses' shutdown hook stops the broker and registry when the JVM exits.
            stack = LocalStack.start(dir);
        }
        return stack;
    }
}
