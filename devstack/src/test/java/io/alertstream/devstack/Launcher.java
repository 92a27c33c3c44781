package io.alertstream.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code ./alertstream} launcher script of this checkout as a user would, with the build the
 * test run has just made ({@code ALERTSTREAM_SKIP_BUILD=1}: the script must not start a Maven build
 * inside a test).
 */
final class Launcher {
    private Launcher() {
    }

    /** Exit code and output of one command. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Path stdin, List<String> args) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        Path script = root.resolve("alertstream");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("No launcher at " + script);
        }
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        Path out = Files.createTempFile("launcher-out", ".txt");
        Path err = Files.createTempFile("launcher-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("ALERTSTREAM_SKIP_BUILD", "1");
            pb.environment().put("ALERTSTREAM_OPTS", "-Xmx256m -XX:+UseSerialGC");
            pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("alertstream " + String.join(" ", args) + " did not finish in 3 minutes:\n"
                        + Files.readString(out) + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
