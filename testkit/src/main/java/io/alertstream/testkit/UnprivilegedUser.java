package io.alertstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a server as {@code nobody} when this JVM runs as root.
 *
 * <p>Elasticsearch refuses to start as root (CI containers and our dev machines often are root).
 * Input: a command line and the directories the server writes. Output: the command prefixed with
 * {@code setpriv --reuid=65534 --regid=65534 --clear-groups}, and those directories handed to uid/gid
 * 65534. When not root, both are no-ops: the server runs as the current user.
 */
final class UnprivilegedUser {

    static final String NOBODY_ID = "65534";

    private UnprivilegedUser() {
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static List<String> wrap(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(
            "setpriv", "--reuid=" + NOBODY_ID, "--regid=" + NOBODY_ID, "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** {@code chown -R 65534:65534 dir} when root, so the server can write there. */
    static void handOver(Path dir) {
        if (!isRoot()) {
            return;
        }
        List<String> command = List.of("chown", "-R", NOBODY_ID + ":" + NOBODY_ID, dir.toAbsolutePath().toString());
        try {
            Process chown = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(chown.getInputStream().readAllBytes());
            if (!chown.waitFor(60, TimeUnit.SECONDS) || chown.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + command, e);
        }
    }
}
