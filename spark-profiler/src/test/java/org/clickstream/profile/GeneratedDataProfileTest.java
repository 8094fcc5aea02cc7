package org.clickstream.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.profile.ProfileResult.BrandStats;
import org.clickstream.profile.ProfileResult.NumericSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20,000 generated rows (every kind of malformed row mixed in), read in many small splits so that
 * the header and split handling are exercised, against {@link PlainJavaProfile}.
 */
class GeneratedDataProfileTest {
    private static final BigDecimal RELATIVE = new BigDecimal("1e-25");

    private static ProfileResult profile;
    private static PlainJavaProfile expected;

    @BeforeAll
    static void profileGeneratedFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("generated.csv");
        CsvGenerator.write(
                file,
                new EventGenerator(
                        EventGenerator.Settings.defaults().withSeed(7).withRemoveShare(0.02)),
                20_000,
                97);
        expected = new PlainJavaProfile(file);
        // ~12 splits of the 2.4 MB file, so that sessions, products and users span tasks.
        profile = SparkForTests.profile(file, Profiler.Settings.defaults().withMinSplits(12));
    }

    @Test
    void countsRecordsAndMalformedRows() {
        assertThat(expected.malformed).isGreaterThan(200);
        assertThat(profile.overview().records()).isEqualTo(expected.records);
        assertThat(profile.overview().malformedRows()).isEqualTo(expected.malformed);
        assertThat(profile.overview().malformedByReason()).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void describesEveryNumericColumnExactly() {
        assertThat(profile.describe()).containsOnlyKeys(PlainJavaProfile.NUMERIC);
        for (String column : PlainJavaProfile.NUMERIC) {
            NumericSummary summary = profile.describe().get(column);
            assertThat(summary.count()).as(column).isEqualTo(expected.count(column));
            assertThat(summary.min()).as(column).isEqualByComparingTo(expected.min(column));
            assertThat(summary.max()).as(column).isEqualByComparingTo(expected.max(column));
            assertThat(summary.p25()).as(column).isEqualByComparingTo(expected.quantile(column, 0.25));
            assertThat(summary.p50()).as(column).isEqualByComparingTo(expected.quantile(column, 0.5));
            assertThat(summary.p75()).as(column).isEqualByComparingTo(expected.quantile(column, 0.75));
            assertClose(column + " mean", summary.mean(), expected.mean(column));
            assertClose(column + " std", summary.std(), expected.std(column));
        }
    }

    @Test
    void analysesPricesLikeDescribe() {
        ProfileResult.PriceStats price = profile.price();
        assertClose("mean", price.mean(), expected.mean("price"));
        assertClose("std", price.std(), expected.std("price"));
        assertThat(price.median()).isEqualByComparingTo(expected.quantile("price", 0.5));
        assertThat(price.q1()).isEqualByComparingTo(expected.quantile("price", 0.25));
        assertThat(price.q3()).isEqualByComparingTo(expected.quantile("price", 0.75));
        assertThat(price.min()).isEqualByComparingTo(expected.min("price"));
        assertThat(price.max()).isEqualByComparingTo(expected.max("price"));
    }

    @Test
    void countsNullsEventTypesAndTheFunnel() {
        expected.nulls.forEach((column, nulls) ->
                assertThat(profile.nulls().get(column).count()).as(column).isEqualTo(nulls));
        long nullCells =
                expected.nulls.values().stream().mapToLong(Long::longValue).sum();
        assertThat(profile.completenessPercent())
                .isCloseTo(100.0 - nullCells * 100.0 / (expected.records * 9), within(1e-9));
        expected.eventTypes.forEach((type, count) ->
                assertThat(profile.eventTypes().get(type).count()).as(type).isEqualTo(count));
        assertThat(profile.eventTypes()).hasSameSizeAs(expected.eventTypes);
        long views = expected.eventTypes.get("view");
        long carts = expected.eventTypes.get("cart");
        long purchases = expected.eventTypes.get("purchase");
        ProfileResult.Funnel funnel = profile.funnel();
        assertThat(List.of(funnel.views(), funnel.carts(), funnel.purchases()))
                .containsExactly(views, carts, purchases);
        assertThat(funnel.viewToCartPercent()).isCloseTo(100.0 * carts / views, within(1e-9));
        assertThat(funnel.viewToPurchasePercent()).isCloseTo(100.0 * purchases / views, within(1e-9));
        assertThat(funnel.cartToPurchasePercent()).isCloseTo(100.0 * purchases / carts, within(1e-9));
    }

    @Test
    void countsDistinctValuesPerColumn() {
        expected.unique.forEach((column, unique) -> {
            assertThat(profile.cardinality().get(column).count()).as(column).isEqualTo(unique);
            assertThat(profile.cardinality().get(column).percent())
                    .as(column)
                    .isCloseTo(unique * 100.0 / expected.records, within(1e-9));
        });
    }

    @Test
    void aggregatesEveryBrand() {
        assertThat(profile.brands()).hasSize(expected.brandCounts.size());
        assertThat(profile.brands())
                .isSortedAccordingTo(
                        Comparator.comparingLong(BrandStats::events).reversed().thenComparing(BrandStats::brand));
        for (BrandStats brand : profile.brands()) {
            long[] counts = expected.brandCounts.get(brand.brand());
            BigDecimal[] money = expected.brandMoney.get(brand.brand());
            assertThat(brand.events()).as(brand.brand()).isEqualTo(counts[0]);
            assertThat(brand.purchases()).as(brand.brand()).isEqualTo(counts[1]);
            assertThat(brand.totalValue()).as(brand.brand()).isEqualByComparingTo(money[0]);
            assertThat(brand.revenue()).as(brand.brand()).isEqualByComparingTo(money[1]);
        }
    }

    @Test
    void ranksTopCategoriesAndSegmentsPrices() {
        List<Map.Entry<String, Long>> top = expected.categories.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .toList();
        assertThat(profile.categoriesTop10())
                .extracting(ProfileResult.CategoryCount::category)
                .containsExactlyElementsOf(top.stream().map(Map.Entry::getKey).toList());
        assertThat(profile.categoriesTop10())
                .extracting(ProfileResult.CategoryCount::count)
                .containsExactlyElementsOf(top.stream().map(Map.Entry::getValue).toList());
        ProfileResult.PriceSegments segments = profile.priceSegments();
        assertThat(List.of(segments.under50(), segments.from50To100(), segments.from100To200(), segments.over200()))
                .containsExactly(
                        expected.segments[0] * 100.0 / expected.records,
                        expected.segments[1] * 100.0 / expected.records,
                        expected.segments[2] * 100.0 / expected.records,
                        expected.segments[3] * 100.0 / expected.records);
    }

    @Test
    void sessionFunnelEqualsSessionsCutByHand() {
        assertSessionFunnel(profile, expected, Duration.ofMinutes(30));
    }

    @Test
    void topCategoriesAndProductsEqualPlainTotals() {
        assertTops(profile, expected, 10);
    }

    /** The session funnel against {@link PlainJavaProfile#sessions}, exactly. */
    static void assertSessionFunnel(ProfileResult profile, PlainJavaProfile expected, Duration gap) {
        List<PlainJavaProfile.Session> sessions = expected.sessions(gap);
        long withCart = sessions.stream().filter(PlainJavaProfile.Session::cart).count();
        long withPurchase =
                sessions.stream().filter(PlainJavaProfile.Session::purchase).count();
        long seconds = sessions.stream().mapToLong(x -> x.last() - x.first()).sum();
        ProfileResult.SessionFunnel funnel = profile.sessionFunnel();
        assertThat(List.of(funnel.sessions(), funnel.withCart(), funnel.withPurchase()))
                .containsExactly((long) sessions.size(), withCart, withPurchase);
        assertThat(funnel.avgEvents().doubleValue())
                .isCloseTo((double) expected.records / sessions.size(), within(1e-12));
        assertThat(funnel.avgSeconds().doubleValue()).isCloseTo((double) seconds / sessions.size(), within(1e-9));
        assertThat(funnel.revenueCents()).isEqualTo(expected.revenueCents());
        long purchasingRevenue = sessions.stream()
                .filter(PlainJavaProfile.Session::purchase)
                .mapToLong(PlainJavaProfile.Session::revenueCents)
                .sum();
        if (withPurchase > 0) {
            assertThat(funnel.avgOrderValueCents().doubleValue())
                    .isCloseTo((double) purchasingRevenue / withPurchase, within(1e-9));
        } else {
            assertThat(funnel.avgOrderValueCents()).isNull();
        }
        assertThat(funnel.cartPercent()).isCloseTo(withCart * 100.0 / sessions.size(), within(1e-9));
        assertThat(funnel.purchasePercent()).isCloseTo(withPurchase * 100.0 / sessions.size(), within(1e-9));
    }

    /** Top-level and full categories, and products by revenue and by views, against plain totals. */
    static void assertTops(ProfileResult profile, PlainJavaProfile expected, int top) {
        for (boolean topLevel : new boolean[] {true, false}) {
            List<Map.Entry<String, long[]>> categories = expected.categoryTotals(topLevel).entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                            .reversed()
                            .thenComparing(Map.Entry::getKey))
                    .limit(top)
                    .toList();
            List<ProfileResult.CategoryStats> actual =
                    topLevel ? profile.topLevelCategories() : profile.categoryCodes();
            assertThat(actual)
                    .extracting(c -> List.<Object>of(
                            c.category(), c.events(), c.views(), c.carts(), c.purchases(), c.revenueCents()))
                    .as(topLevel ? "top level" : "category_code")
                    .containsExactlyElementsOf(categories.stream()
                            .map(e -> List.<Object>of(
                                    e.getKey(),
                                    e.getValue()[0],
                                    e.getValue()[1],
                                    e.getValue()[2],
                                    e.getValue()[3],
                                    e.getValue()[4]))
                            .toList());
        }
        List<PlainJavaProfile.Product> products = expected.products();
        assertProducts(
                profile.productsByRevenue(),
                products.stream()
                        .sorted(Comparator.comparingLong(PlainJavaProfile.Product::revenueCents)
                                .reversed()
                                .thenComparingLong(PlainJavaProfile.Product::id))
                        .limit(top)
                        .toList());
        assertProducts(
                profile.productsByViews(),
                products.stream()
                        .sorted(Comparator.comparingLong(PlainJavaProfile.Product::views)
                                .reversed()
                                .thenComparingLong(PlainJavaProfile.Product::id))
                        .limit(top)
                        .toList());
    }

    private static void assertProducts(
            List<ProfileResult.ProductStats> actual, List<PlainJavaProfile.Product> expected) {
        assertThat(actual)
                .extracting(p -> List.<Object>of(
                        p.productId(), p.brand(), p.category(), p.views(), p.carts(), p.purchases(), p.revenueCents()))
                .containsExactlyElementsOf(expected.stream()
                        .map(p -> List.<Object>of(
                                p.id(), p.brand(), p.category(), p.views(), p.carts(), p.purchases(), p.revenueCents()))
                        .toList());
    }

    private static void assertClose(String what, BigDecimal actual, BigDecimal expected) {
        BigDecimal tolerance = expected.abs().multiply(RELATIVE).max(RELATIVE);
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.subtract(expected).abs())
                .as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(tolerance);
    }
}
