package io.alertstream.api.cli;

import io.alertstream.topology.cli.LogSetup;
import io.alertstream.topology.cli.Main;
import picocli.CommandLine;

/**
 * Entry point of a deployment that runs the API (the API's container image): every {@code alertstream}
 * command of the topology module plus {@code api}.
 */
public final class ApiMain {
    private ApiMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(LogSetup.configure(args, LogSetup.dataDir(args))));
    }

    public static CommandLine commandLine() {
        return Main.commandLine(new Main()).addSubcommand("api", new ApiCommand());
    }
}
