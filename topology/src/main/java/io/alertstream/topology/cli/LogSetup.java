package io.alertstream.topology.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, before the first log line, where logs go (see {@code log4j2.xml}): alertstream's own warnings on
 * the console, everything in a file under the data directory, or everything on the console with
 * {@code --verbose}. Runs first in {@code main}, because log4j reads these properties once, when the first
 * logger is made.
 */
public final class LogSetup {
    public static final String LOG_FILE_PROPERTY = "alertstream.log.file";
    private static final String VERBOSE = "--verbose";
    private static final String JUL_MANAGER_PROPERTY = "java.util.logging.manager";
    /** Sends java.util.logging (Jersey in the Connect worker, for one) through log4j and so to the same places. */
    private static final String JUL_TO_LOG4J = "org.apache.logging.log4j.jul.LogManager";

    private LogSetup() {
    }

    /**
     * Sets the logging properties for a command line and returns the arguments without {@code --verbose},
     * which every command accepts.
     *
     * @param dataDir where the command keeps its data ({@code .alertstream} unless {@code dev --data} says otherwise)
     */
    public static String[] configure(String[] args, Path dataDir) {
        List<String> rest = new ArrayList<>();
        boolean verbose = false;
        for (String a : args) {
            if (a.equals(VERBOSE)) {
                verbose = true;
            } else {
                rest.add(a);
            }
        }
        if (System.getProperty(LOG_FILE_PROPERTY) == null) {
            String command = rest.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("alertstream");
            System.setProperty(LOG_FILE_PROPERTY, dataDir.resolve("logs").resolve(command + ".log").toAbsolutePath().toString());
        }
        // java.util.logging reads this once, when its first logger is made: set before any library logs.
        if (System.getProperty(JUL_MANAGER_PROPERTY) == null) {
            System.setProperty(JUL_MANAGER_PROPERTY, JUL_TO_LOG4J);
        }
        if (verbose) {
            System.setProperty("alertstream.console.level", "INFO");
            System.setProperty("alertstream.console.libraries", "WARN");
        }
        return rest.toArray(new String[0]);
    }

    /** The log file this process writes (named in the ready lines). */
    public static String logFile() {
        return System.getProperty(LOG_FILE_PROPERTY, Path.of(".alertstream", "logs", "alertstream.log").toAbsolutePath().toString());
    }

    /** The value of {@code --data DIR} if given, else {@code .alertstream}. */
    public static Path dataDir(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data=")) {
                return Path.of(args[i].substring("--data=".length()));
            }
        }
        return Path.of(".alertstream");
    }
}
