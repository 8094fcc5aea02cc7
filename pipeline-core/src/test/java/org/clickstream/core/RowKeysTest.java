package org.clickstream.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RowKeysTest {

    @Test
    void minuteKeysAreUtcMinutesThatSortInTimeOrder() {
        assertThat(RowKeys.minuteKey(Instant.parse("2020-09-24T11:57:59.999Z"))).isEqualTo("202009241157");
        assertThat(RowKeys.minuteKey(Instant.parse("2021-01-01T00:00:00Z"))).isEqualTo("202101010000");
        assertThat(RowKeys.minuteKey(Instant.parse("2020-12-31T23:59:00Z")))
                .isLessThan(RowKeys.minuteKey(Instant.parse("2021-01-01T00:00:00Z")));
        assertThat(RowKeys.minuteStart("202009241157")).isEqualTo(Instant.parse("2020-09-24T11:57:00Z"));
        assertThat(RowKeys.minuteKeyAfter(Instant.parse("2020-12-31T23:59:30Z"))).isEqualTo("202101010000");
    }

    @Test
    void brandMinuteKeysSplitBackEvenWhenTheBrandHoldsTheSeparator() {
        String key = RowKeys.brandMinuteKey("202009241157", "a|b, inc.");
        assertThat(key).isEqualTo("202009241157|a|b, inc.");
        assertThat(RowKeys.minuteOfBrandMinuteKey(key)).isEqualTo("202009241157");
        assertThat(RowKeys.brandOfBrandMinuteKey(key)).isEqualTo("a|b, inc.");
        assertThat(RowKeys.string(RowKeys.bytes("ü|中"))).isEqualTo("ü|中");
        assertThat(RowKeys.bytes("ü")).hasSize(2);
    }

    @Test
    void rejectsKeysOfTheWrongShape() {
        assertThatThrownBy(() -> RowKeys.minuteStart("2020092411")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowKeys.brandOfBrandMinuteKey("202009241157")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowKeys.brandOfBrandMinuteKey("202009241157-x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void centsRoundHalfUpAndBrandsNormalise() {
        assertThat(ClickEvent.toCents(new java.math.BigDecimal("0.145"))).isEqualTo(15L);
        assertThat(ClickEvent.toCents(new java.math.BigDecimal("0.144"))).isEqualTo(14L);
        assertThat(ClickEvent.toCents(new java.math.BigDecimal("1000000000"))).isEqualTo(100_000_000_000L);
        assertThat(ClickEvent.normalizeBrand("  Samsung ")).isEqualTo("samsung");
        assertThat(ClickEvent.normalizeBrand("   ")).isEqualTo("unknown");
        assertThat(ClickEvent.normalizeBrand(null)).isEqualTo("unknown");
    }
}
