package org.clickstream.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.carrotsearch.hppc.LongLongHashMap;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Order statistics and moments of a column split over disjoint parts, against a sorted array of every value. */
class SortedCountsTest {
    @Test
    void ranksAndMomentsOfRepeatedNineteenDigitValuesSplitOverParts() {
        Random random = new Random(5);
        List<Long> all = new ArrayList<>();
        List<LongLongHashMap> parts = List.of(new LongLongHashMap(), new LongLongHashMap(), new LongLongHashMap());
        for (int i = 0; i < 20_000; i++) {
            // Few distinct values, many repeats, some far apart: 19 digits, near Long.MAX_VALUE.
            long value = 9_000_000_000_000_000_000L + random.nextInt(500) * 1_000_003L;
            all.add(value);
            parts.get(SplitScanner.reducer(value, parts.size())).addTo(value, 1);
        }
        all.add(-5L); // one outlier below
        parts.get(0).addTo(-5L, 1);
        all.sort(null);
        List<SortedCounts> sorted = parts.stream().map(SortedCounts::of).toList();

        long[] ranks = {0, 1, 5_000, 10_000, 10_001, 19_999, 20_000};
        long[] found = SortedCounts.valuesAtRanks(sorted, ranks);
        for (int i = 0; i < ranks.length; i++) {
            assertThat(found[i]).as("rank " + ranks[i]).isEqualTo(all.get((int) ranks[i]));
        }

        SortedCounts.Column column = SortedCounts.summarise(sorted, 0);
        assertThat(column.count()).isEqualTo(all.size());
        assertThat(column.distinct()).isEqualTo(all.stream().distinct().count());
        assertThat(column.min()).isEqualByComparingTo("-5");
        assertThat(column.max()).isEqualByComparingTo(BigDecimal.valueOf(all.get(all.size() - 1)));
        // Two passes over the plain values, in 50 digits.
        MathContext digits = new MathContext(50);
        BigDecimal mean = all.stream()
                .map(BigDecimal::valueOf)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(all.size()), digits);
        BigDecimal squares = all.stream()
                .map(v -> BigDecimal.valueOf(v).subtract(mean).pow(2))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal std =
                squares.divide(BigDecimal.valueOf(all.size() - 1), digits).sqrt(digits);
        assertThat(column.mean().subtract(mean).abs()).isLessThan(new BigDecimal("1e-10"));
        assertThat(column.sampleStd().subtract(std).abs()).isLessThan(new BigDecimal("1e-10"));
        // h = 20000 * q: 5000 → x5000; 10000 → x10000; 15000 → x15000 (integral positions).
        assertThat(column.p25()).isEqualByComparingTo(BigDecimal.valueOf(all.get(5_000)));
        assertThat(column.p50()).isEqualByComparingTo(BigDecimal.valueOf(all.get(10_000)));
        assertThat(column.p75()).isEqualByComparingTo(BigDecimal.valueOf(all.get(15_000)));
    }

    @Test
    void pricesKeepTheirDecimals() {
        LongLongHashMap prices = new LongLongHashMap();
        prices.addTo(SplitScanner.priceUnits(new BigDecimal("1.00")), 3);
        prices.addTo(SplitScanner.priceUnits(new BigDecimal("2.5")), 1);
        prices.addTo(SplitScanner.priceUnits(new BigDecimal("7.25")), 4);
        // Sorted 1 1 1 2.5 7.25 ×4; h = 7q: 1.75 → 1; 3.5 → 2.5 + .5·4.75 = 4.875; 5.25 → 7.25.
        SortedCounts.Column column = SortedCounts.summarise(List.of(SortedCounts.of(prices)), SortedCounts.PRICE_SCALE);
        assertThat(column.p25()).isEqualByComparingTo("1");
        assertThat(column.p50()).isEqualByComparingTo("4.875");
        assertThat(column.p75()).isEqualByComparingTo("7.25");
        assertThat(column.mean()).isEqualByComparingTo("4.3125"); // (3 + 2.5 + 29) / 8
        assertThat(column.distinct()).isEqualTo(3);
    }
}
