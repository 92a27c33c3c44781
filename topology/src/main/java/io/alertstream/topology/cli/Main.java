package io.alertstream.topology.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code alertstream} command line. Each subcommand is its own class; this one only dispatches. */
@Command(name = "alertstream", mixinStandardHelpOptions = true, version = "alertstream 0.1.0",
        description = {"Real-time alerting on Kafka Streams.",
                "Library logs go to .alertstream/logs/<command>.log; add --verbose to any command to see them on the console."},
        subcommands = {RulesCommand.class, RunCommand.class, DeadLettersCommand.class, ProduceCommand.class, TailCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** The logger of a failed command's stack trace (see {@link #commandLine}). */
    static final String FAILURE_LOGGER = "alertstream.command.failure";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read (and removed) by {@link LogSetup} before picocli parses; declared here so every command's help lists it. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Also show the libraries' logs on the console (they always go to the log file).")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(LogSetup.configure(args, LogSetup.dataDir(args))));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return commandLine(new Main()).execute(args);
    }

    /** Runs a command line with its output captured. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = commandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * The command line with alertstream's conventions: case-insensitive enum values, and a failure told in one
     * line ({@code alertstream: <what went wrong>}, causes appended) instead of a stack trace, which the log
     * file still has. The exit code is 1.
     */
    public static CommandLine commandLine(Object main) {
        CommandLine cli = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            // The trace goes to the log file only: a logger outside io.alertstream reaches the console just with
            // --verbose (log4j2.xml), where the one line below already says what went wrong.
            org.slf4j.LoggerFactory.getLogger(FAILURE_LOGGER).error("Command failed", e);
            command.getErr().println("alertstream: " + FailureMessage.of(e));
            command.getErr().flush();
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
