package io.alertstream.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigErrorsTest {

    @Test
    void userInfoShouldBeMaskedAnywhereInTheText() {
        assertThat(ConfigErrors.maskUserInfo("cannot reach redis://alerts:hunter2@cache:6379/0 (refused)"))
                .isEqualTo("cannot reach redis://***@cache:6379/0 (refused)");
        assertThat(ConfigErrors.maskUserInfo("a https://:tok@h/x and HTTP://u@h2/ b"))
                .isEqualTo("a https://***@h/x and HTTP://***@h2/ b");
        assertThat(ConfigErrors.maskUserInfo("https://h/path@not-userinfo")).isEqualTo("https://h/path@not-userinfo");
        assertThat(ConfigErrors.maskUserInfo(null)).isNull();
    }

    @Test
    void invalidShouldNameTheKeyAndNotTheValue() {
        assertThat(ConfigErrors.invalid("redis.uri", "not a URI")).hasMessage(
                "Invalid value for configuration redis.uri: not a URI");
    }
}
