package io.alertstream.topology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Every command's help lists the options a user can give it, --verbose included. */
class MainHelpTest {

    @Test
    void everyCommandsHelpShouldListVerbose() {
        for (String[] command : new String[][] {{"run"}, {"produce"}, {"tail"}, {"rules", "apply"}, {"dead-letters", "list"}}) {
            StringWriter out = new StringWriter();
            String[] args = new String[command.length + 1];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "--help";
            assertThat(Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), args)).isZero();
            assertThat(out.toString()).as(String.join(" ", command) + " --help").contains("--verbose");
        }
    }
}
