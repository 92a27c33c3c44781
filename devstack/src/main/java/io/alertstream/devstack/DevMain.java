package io.alertstream.devstack;

import io.alertstream.topology.cli.LogSetup;
import io.alertstream.topology.cli.Main;
import picocli.CommandLine;

/**
 * The launcher's entry point: every {@code alertstream} command of the topology module, plus
 * {@code dev}, which needs the embedded services of the testkit.
 */
public final class DevMain {
    private DevMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(LogSetup.configure(args, LogSetup.dataDir(args))));
    }

    public static CommandLine commandLine() {
        return Main.commandLine(new Main()).addSubcommand("dev", new DevCommand()).addSubcommand("api", new io.alertstream.api.cli.ApiCommand());
    }
}
