package io.alertstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Creates and deletes the scratch directories of the embedded services.
 *
 * <p>Input: a prefix or a directory. Output: a fresh directory under {@code java.io.tmpdir}, or the
 * removal of a whole tree. Directories made here are also removed by {@link ShutdownReaper} if the
 * JVM ends before they are deleted. Deletion is best effort (a service may still hold a file while the JVM
 * exits); failures are ignored because they only leave scratch files behind.
 */
final class TempDirs {

    private TempDirs() {
    }

    static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            ShutdownReaper.watch(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temp directory with prefix " + prefix, e);
        }
    }

    static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        ShutdownReaper.forget(root);
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: leftover scratch files are harmless.
        }
    }
}
