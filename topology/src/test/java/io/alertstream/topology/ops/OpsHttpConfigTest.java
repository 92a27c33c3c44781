package io.alertstream.topology.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class OpsHttpConfigTest {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void shouldDefaultToLoopbackOnPort9464() {
        assertThat(OpsHttpConfig.from(props())).isEqualTo(new OpsHttpConfig("127.0.0.1", 9464, false, 10_000));
    }

    @Test
    void shouldTakeAPortZeroOrOff() {
        assertThat(OpsHttpConfig.from(props("alertstream.http.port", "0", "alertstream.http.host", "0.0.0.0")))
                .isEqualTo(new OpsHttpConfig("0.0.0.0", 0, true, 10_000));
        OpsHttpConfig off = OpsHttpConfig.from(props("alertstream.http.port", "OFF"));
        assertThat(off.enabled()).isFalse();
        assertThat(OpsHttpConfig.from(props("alertstream.health.ready.max.lag", "0")).readyMaxLag()).isZero();
    }

    @Test
    void shouldNameTheKeyButNotTheValueOfABadSetting() {
        assertThatThrownBy(() -> OpsHttpConfig.from(props("alertstream.http.port", "70000")))
                .hasMessage("alertstream.http.port must be a port 0-65535 (0 picks a free one) or off");
        assertThatThrownBy(() -> OpsHttpConfig.from(props("alertstream.health.ready.max.lag", "lots")))
                .hasMessage("alertstream.health.ready.max.lag must be a record count of 0 or more, e.g. 10000");
    }
}
