package io.alertstream.topology.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ChangedAt accepts RFC 3339 (any offset, 0 to 9 fraction digits), keeps the text, compares instants. */
class ChangedAtTest {

    @ParameterizedTest
    @CsvSource({
            "2021-06-07T20:40:15.598765212Z, 2021-06-07T20:40:15.598765212Z",
            "2021-06-07T20:40:15Z, 2021-06-07T20:40:15Z",
            "2021-06-07T20:40:15.5Z, 2021-06-07T20:40:15.500Z",
            "2021-06-07t20:40:15z, 2021-06-07T20:40:15Z",
            "2021-06-07T22:40:15.000000001+02:00, 2021-06-07T20:40:15.000000001Z",
            "2021-06-07T15:10:15-05:30, 2021-06-07T20:40:15Z",
            "2021-06-07T20:40:15-00:00, 2021-06-07T20:40:15Z"})
    void shouldParseRfc3339KeepingTheTextAndTheInstantToTheNanosecond(String text, String instant) {
        ChangedAt parsed = ChangedAt.parse(text);
        assertThat(parsed.text()).isEqualTo(text);
        assertThat(parsed.instant()).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2021-06-07T20:40Z", "2021-06-07T20:40:15", "2021-06-07 20:40:15Z",
            "2021-06-07T20:40:15.1234567890Z", "2021-06-07T20:40:15+0200", "2021-06-07T20:40:15.Z", "2021-13-07T20:40:15Z",
            "1623098415", "2021-06-07T20:40:60Z", "2021-02-30T20:40:15Z", "2021-06-07T24:00:00Z", "2021-06-07T20:40:15+19:00",
            "2021-06-07T20:40:15+02:0", "2021-06-07T20:40:15Z ", "+2021-06-07T20:40:15Z", "2021-06-07T20:40:15.12a4Z",
            "2021-06-07T2O:40:15Z", "2021-06-07T20:40:15ZZ"})
    void shouldRefuseWhatIsNotRfc3339(String text) {
        assertThatThrownBy(() -> ChangedAt.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "2021-06-07T20:40:15.000000001Z, 2021-06-07T20:40:15Z, 1",
            "2021-06-07T20:40:15Z, 2021-06-07T22:40:15+02:00, 0",
            "2021-06-07T20:40:15Z, 2021-06-07T20:40:15.5Z, -1"})
    void shouldCompareByInstant(String a, String b, int sign) {
        assertThat(Integer.signum(ChangedAt.parse(a).compareTo(ChangedAt.parse(b)))).isEqualTo(sign);
        assertThat(ChangedAt.parse(a).isAfter(ChangedAt.parse(b))).isEqualTo(sign > 0);
    }
}
