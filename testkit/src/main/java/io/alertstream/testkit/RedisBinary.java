package io.alertstream.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.core.ExecutableProvider;

/**
 * Finds the redis-server executable to run.
 *
 * <p>Output: the path of {@code redis-server} from {@code PATH} if there is one (a distribution
 * build, e.g. Debian's 7.x), else the binary bundled in {@code com.github.codemonstur:embedded-redis}
 * (Redis 6.2), extracted once per JVM. Either way the server is a real Redis.
 */
final class RedisBinary {

    private static Path resolved;

    private RedisBinary() {
    }

    static synchronized Path find() {
        if (resolved == null) {
            resolved = onPath();
            if (resolved == null) {
                resolved = bundled();
            }
        }
        return resolved;
    }

    private static Path onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path bundled() {
        try {
            return ExecutableProvider.newJarResourceProvider().get().toPath();
        } catch (IOException e) {
            throw new UncheckedIOException("No redis-server on PATH and the binary bundled in embedded-redis "
                + "cannot be extracted for this OS/architecture", e);
        }
    }
}
