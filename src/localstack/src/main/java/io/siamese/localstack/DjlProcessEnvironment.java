package io.siamese.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of a child JVM that runs DJL (the service, the demo's trainer), set only where this JVM's
 * environment does not set it already.
 */
public final class DjlProcessEnvironment {

    /** Where Debian's libtcmalloc-minimal4 puts tcmalloc. */
    static final Path TCMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");

    private DjlProcessEnvironment() {
    }

    /**
     * @return {@code DJL_CACHE_DIR} in the repository's {@code .cache/djl} (DJL unpacks about 430 MB of native
     *         libraries on first use; one copy serves every process), and tcmalloc preloaded when installed
     *         (DJL runs about twice as fast with it, as the launcher does for its own JVM)
     */
    public static Map<String, String> get() {
        Map<String, String> env = new HashMap<>();
        if (System.getenv("DJL_CACHE_DIR") == null) {
            env.put("DJL_CACHE_DIR", StackFiles.home().resolve(".cache").resolve("djl").toString());
        }
        if (System.getenv("LD_PRELOAD") == null && Files.isRegularFile(TCMALLOC)) {
            env.put("LD_PRELOAD", TCMALLOC.toString());
        }
        return env;
    }
}
