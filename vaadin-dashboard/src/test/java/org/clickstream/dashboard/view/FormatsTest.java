package org.clickstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void countsHaveThousandsSeparators() {
        assertThat(Formats.count(0)).isEqualTo("0");
        assertThat(Formats.count(1_234_567)).isEqualTo("1,234,567");
    }

    @Test
    void moneyIsDollarsFromCentsExactly() {
        assertThat(Formats.money(5)).isEqualTo("$0.05");
        assertThat(Formats.money(123_456_789_012L)).isEqualTo("$1,234,567,890.12");
    }

    @Test
    void percentagesHaveOneDecimalAndADashWhenUndefined() {
        assertThat(Formats.percent(OptionalDouble.of(0.06234))).isEqualTo("6.2 %");
        assertThat(Formats.percent(OptionalDouble.of(1))).isEqualTo("100.0 %");
        assertThat(Formats.percent(OptionalDouble.empty())).isEqualTo("–");
    }

    @Test
    void agesReadLikeAPersonWouldSayThem() {
        assertThat(Formats.age(Duration.ofMillis(4_900))).isEqualTo("4 s");
        assertThat(Formats.age(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(Formats.age(Duration.ofMinutes(192))).isEqualTo("3 h 12 min");
        assertThat(Formats.age(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(Formats.age(Duration.ofSeconds(-3))).isEqualTo("0 s");
        assertThat(Formats.millis(850)).isEqualTo("850 ms");
        assertThat(Formats.millis(2_650)).isEqualTo("2.7 s");
    }
}
