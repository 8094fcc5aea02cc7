package org.clickstream.core.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.clickstream.core.ClickEvent;
import org.junit.jupiter.api.Test;

class RowKeysTest {

    @Test
    void minuteKeysAreUtcMinutesThatSortInTimeOrder() {
        assertThat(RowKeys.minuteKey(Instant.parse("2020-09-24T11:57:59.999Z"))).isEqualTo("202009241157");
        assertThat(RowKeys.minuteKey(Instant.parse("2021-01-01T00:00:00Z"))).isEqualTo("202101010000");
        assertThat(RowKeys.minuteKey(Instant.parse("2020-12-31T23:59:00Z")))
                .isLessThan(RowKeys.minuteKey(Instant.parse("2021-01-01T00:00:00Z")));
        assertThat(RowKeys.minuteStart("202009241157")).isEqualTo(Instant.parse("2020-09-24T11:57:00Z"));
        assertThat(RowKeys.minuteKeyAfter(Instant.parse("2020-12-31T23:59:30Z")))
                .isEqualTo("202101010000");
    }

    @Test
    void valueMinuteKeysSplitBackEvenWhenTheValueHoldsTheSeparator() {
        String key = RowKeys.valueMinuteKey("a|b, inc.", "202009241157");
        assertThat(key).isEqualTo("a|b, inc.|202009241157");
        assertThat(RowKeys.minuteOfValueMinuteKey(key)).isEqualTo("202009241157");
        assertThat(RowKeys.valueOfValueMinuteKey(key)).isEqualTo("a|b, inc.");
        assertThat(RowKeys.hourKey(Instant.parse("2020-09-24T11:57:06Z"))).isEqualTo("2020092411");
        assertThat(RowKeys.hourStart("2020092411")).isEqualTo(Instant.parse("2020-09-24T11:00:00Z"));
        assertThat(RowKeys.string(RowKeys.bytes("ü|中"))).isEqualTo("ü|中");
        assertThat(RowKeys.bytes("ü")).hasSize(2);
    }

    @Test
    void rejectsKeysOfTheWrongShape() {
        assertThatThrownBy(() -> RowKeys.minuteStart("2020092411")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowKeys.valueOfValueMinuteKey("202009241157"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowKeys.valueOfValueMinuteKey("x-202009241157"))
                .isInstanceOf(IllegalArgumentException.class);
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

    @Test
    void brandsNormaliseEveryUnicodeSpaceTheComposedFormAndTheRootLocaleCase() {
        assertThat(ClickEvent.normalizeBrand("\u00A0Sony\u2003")).isEqualTo("sony");
        assertThat(ClickEvent.normalizeBrand("\u200BSONY\uFEFF")).isEqualTo("sony");
        assertThat(ClickEvent.normalizeBrand("\u3000\u200D")).isEqualTo("unknown");
        // A decomposed o + combining diaeresis is the same brand as the precomposed one.
        assertThat(ClickEvent.normalizeBrand("Mo\u0308ller"))
                .isEqualTo("m\u00f6ller")
                .isEqualTo(ClickEvent.normalizeBrand("M\u00d6LLER"));
        // Locale.ROOT: a Turkish default locale would turn I into a dotless i.
        assertThat(ClickEvent.normalizeBrand("INTEL")).isEqualTo("intel");
        // Spaces inside a brand are part of it.
        assertThat(ClickEvent.normalizeBrand(" De Longhi ")).isEqualTo("de longhi");
    }
}
