package io.alertstream.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** What each behavior.on.malformed.* value does with a bad record, and how bad values are detected. */
class MalformedRecordHandlerTest {
    private final SinkRecord record = TestRecords.record("alerts", 2, 41, Map.of("a", 1));

    @Test
    void failShouldHandTheRecordToTheErrantRecordReporter() {
        RecordingSinkTaskContext context = new RecordingSinkTaskContext(true);
        new MalformedRecordHandler(MalformedRecordBehavior.FAIL, "behavior.on.x", context.errantRecordReporter())
                .handle(record, new MalformedRecordException("bad"));
        assertThat(context.reported).containsExactly(record);
    }

    @Test
    void failWithoutReporterShouldFailNamingTheRecordAndTheKey() {
        assertThatThrownBy(() -> new MalformedRecordHandler(MalformedRecordBehavior.FAIL, "behavior.on.x", null)
                .handle(record, new MalformedRecordException("bad")))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("topic 'alerts' partition 2 offset 41")
                .hasMessageContaining("behavior.on.x=warn");
    }

    @Test
    void warnAndIgnoreShouldDropTheRecordWithoutReporting() {
        RecordingSinkTaskContext context = new RecordingSinkTaskContext(true);
        new MalformedRecordHandler(MalformedRecordBehavior.WARN, "k", context.errantRecordReporter())
                .handle(record, new MalformedRecordException("bad"));
        new MalformedRecordHandler(MalformedRecordBehavior.IGNORE, "k", context.errantRecordReporter())
                .handle(record, new MalformedRecordException("bad"));
        assertThat(context.reported).isEmpty();
    }

    @Test
    void nonObjectValuesShouldBeMalformedNamingTheOffset() {
        SinkRecord text = TestRecords.record("events", 0, 7, "[1,2]", 1L);
        assertThatThrownBy(() -> JsonRecordValues.toObject(text, "behavior.on.malformed.documents"))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("offset 7").hasMessageContaining("array")
                .hasMessageContaining("behavior.on.malformed.documents");
        SinkRecord broken = TestRecords.record("events", 0, 8, "{not json", 1L);
        assertThatThrownBy(() -> JsonRecordValues.toObject(broken, "k"))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not valid JSON");
    }
}
