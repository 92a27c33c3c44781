package io.alertstream.topology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class FailureMessageTest {

    @Test
    void shouldSayWhatFailedAndWhichAclOrCommandFixesIt() {
        Exception e = new IllegalStateException("Cannot create topic 'rules'",
                new TopicAuthorizationException("Not authorized to access topics: [rules]"));
        assertThat(FailureMessage.of(e)).startsWith("Cannot create topic 'rules': Not authorized to access topics: [rules]")
                .contains("lacks an ACL").contains("kafka-topics.sh --create --topic rules");
    }

    @Test
    void shouldTellAFailedCommandInOneLineWithoutAStackTrace() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "tail", "alerts", "--bootstrap-servers", "127.0.0.1:1", "--for", "not-a-duration");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("alertstream: --for takes a duration").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
