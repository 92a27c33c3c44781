package io.alertstream.topology.routing;

import io.alertstream.topology.sourcefile.DirectoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the routing file lives: {@code routing.yaml} (or {@code routing.yml}) in the rules directory.
 * The rule loader skips these names, so routing and rules can sit side by side.
 */
public final class RoutingFile {
    public static final String NAME = DirectoryFiles.ROUTING;
    public static final String ALT_NAME = DirectoryFiles.ROUTING_ALT;
    /** The one key of the routing topic; the value is the file's YAML text. */
    public static final String TOPIC_KEY = "routing";

    private RoutingFile() {
    }

    public static boolean isRoutingFile(Path file) {
        String name = file.getFileName().toString();
        return name.equals(NAME) || name.equals(ALT_NAME);
    }

    /** The routing file of a rules directory, if there is one. */
    public static Optional<Path> in(Path rulesDir) {
        for (String name : new String[] {NAME, ALT_NAME}) {
            Path p = rulesDir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A file and its text, read once so that what is validated is what is published. */
    public record Source(Path file, String text) {
        public RoutingReader.Result read() {
            return RoutingReader.read(file.toString(), text);
        }
    }

    public static Optional<Source> load(Path rulesDir) throws IOException {
        Optional<Path> file = in(rulesDir);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Source(file.get(), Files.readString(file.get(), StandardCharsets.UTF_8)));
    }
}
