package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventTimes;
import org.clickstream.core.generator.CsvGenerator;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.hbase.MetricTable;
import org.clickstream.core.hbase.TableLayout;
import org.clickstream.core.testing.HBaseTables;
import org.clickstream.profile.ProfileJob;
import org.clickstream.profile.ProfileResult;
import org.clickstream.profile.Profiler;
import org.junit.jupiter.api.Test;

/**
 * The profile of a file and the stream's tables for the same file agree on what both compute: the
 * categories, the products, the brands and the session funnel (with the average order value).
 *
 * <p>The stream counts a session once the watermark has passed it; a profile sees every session of
 * the file complete. So the topic gets the file and then one sentinel event a day after the last,
 * which moves the watermark past every session of the file; the sentinel (its own category, brand,
 * product and session) is left out of the comparison, and its own session stays open.
 */
class ProfileAgreesWithTheStreamIT extends StackIT {
    private static final String SENTINEL_CATEGORY = "sentinel.marker";
    private static final long SENTINEL_PRODUCT = 999_999_999_999L;

    @Test
    void theProfileOfAFileAndTheStreamsTablesForItAgree() throws Exception {
        Path csv = dir.resolve("events.csv");
        // The data set's shape: about four events per minute, so that sessions end and begin.
        CsvGenerator.write(
                csv,
                new EventGenerator(
                        EventGenerator.Settings.defaults().withSeed(29).withEventsPerMinute(4)),
                12_000,
                0);
        ProfileResult profile;
        try (JavaSparkContext spark = localSpark()) {
            profile =
                    ProfileJob.profile(spark, csv, Profiler.Settings.defaults().withTop(1_000_000));
        }

        Path streamed = dir.resolve("streamed.csv");
        Files.copy(csv, streamed);
        Instant last = Instant.parse("2000-01-01T00:00:00Z");
        try (EventCsv.LineReader lines =
                EventCsv.open(csv, org.clickstream.core.EventRules.defaults(), java.time.Clock.systemUTC())) {
            while (lines.hasNext()) {
                if (lines.next().result() instanceof org.clickstream.core.ParseResult.Valid valid
                        && valid.event().eventTime().isAfter(last)) {
                    last = valid.event().eventTime();
                }
            }
        }
        Files.writeString(
                streamed,
                EventTimes.format(last.plusSeconds(86_400)) + ",view," + SENTINEL_PRODUCT + ",," + SENTINEL_CATEGORY
                        + ",sentinel,1.00,1,sentinel-session\n",
                StandardOpenOption.APPEND);
        String topic = ProcessorFixture.sendFile(streamed, "agreement-it");
        HBaseTables.createEmpty(hbase);
        ProcessorFixture.runToCompletion(
                dir.resolve("run.log"),
                Map.of(),
                "--available-now",
                "--topic",
                topic,
                "--checkpoint",
                dir.resolve("checkpoint").toString());
        TableLayout tables = TableLayout.defaultLayout();

        assertThat(profile.overview().records()).isEqualTo(12_000);
        Map<String, Map<String, Long>> topLevel = HBaseTables.readCounters(hbase, tables.table(MetricTable.CATEGORY));
        assertThat(topLevel.remove("sentinel")).containsEntry("events", 1L);
        assertThat(categories(profile.topLevelCategories())).isEqualTo(categoryCounters(topLevel));
        Map<String, Map<String, Long>> codes = HBaseTables.readCounters(hbase, tables.table(MetricTable.CATEGORY_CODE));
        assertThat(codes.remove(SENTINEL_CATEGORY)).containsEntry("events", 1L);
        assertThat(categories(profile.categoryCodes())).isEqualTo(categoryCounters(codes));

        Map<String, Map<String, Long>> products = HBaseTables.readCounters(hbase, tables.table(MetricTable.PRODUCT));
        assertThat(profile.productsByRevenue()).isNotEmpty();
        for (ProfileResult.ProductStats product : profile.productsByViews()) {
            assertThat(only(
                            products.get(Long.toString(product.productId())),
                            "views",
                            "carts",
                            "purchases",
                            "revenue_cents"))
                    .as("product %d", product.productId())
                    .isEqualTo(nonZero(Map.of(
                            "views",
                            product.views(),
                            "carts",
                            product.carts(),
                            "purchases",
                            product.purchases(),
                            "revenue_cents",
                            product.revenueCents())));
        }
        Map<String, Map<String, Long>> brands = HBaseTables.readCounters(hbase, tables.table(MetricTable.BRAND));
        for (ProfileResult.BrandStats brand : profile.brands()) {
            assertThat(brands.get(brand.brand()))
                    .as("brand %s", brand.brand())
                    .containsEntry("events", brand.events())
                    .containsEntry(
                            "price_sum_cents",
                            brand.totalValue().movePointRight(2).longValueExact());
        }

        Map<String, Long> sessions = new TreeMap<>();
        HBaseTables.readCounters(hbase, tables.table(TableLayout.SESSIONS))
                .values()
                .forEach(minute -> minute.forEach((qualifier, value) -> sessions.merge(qualifier, value, Long::sum)));
        ProfileResult.SessionFunnel funnel = profile.sessionFunnel();
        assertThat(funnel.sessions()).isPositive().isEqualTo(sessions.get("sessions"));
        assertThat(funnel.withCart()).isPositive().isEqualTo(sessions.get("cart_sessions"));
        assertThat(funnel.withPurchase()).isPositive().isEqualTo(sessions.get("purchase_sessions"));
        assertThat(funnel.revenueCents()).isEqualTo(sessions.get("revenue_cents"));
        assertThat(funnel.avgEvents()).isEqualByComparingTo(ratio(sessions.get("events"), sessions.get("sessions")));
        assertThat(funnel.avgSeconds())
                .isEqualByComparingTo(ratio(sessions.get("duration_seconds"), sessions.get("sessions")));
        assertThat(funnel.avgOrderValueCents())
                .isEqualByComparingTo(ratio(sessions.get("revenue_cents"), sessions.get("purchase_sessions")));
    }

    private static JavaSparkContext localSpark() {
        return JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(new SparkConf()
                .setMaster("local[2]")
                .setAppName("agreement-it")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")));
    }

    /** The profile's categories as the tables' counters (zeros left out, as the tables store them). */
    private static Map<String, Map<String, Long>> categories(java.util.List<ProfileResult.CategoryStats> categories) {
        Map<String, Map<String, Long>> counters = new TreeMap<>();
        categories.forEach(c -> counters.put(
                c.category(),
                nonZero(Map.of(
                        "events",
                        c.events(),
                        "views",
                        c.views(),
                        "carts",
                        c.carts(),
                        "purchases",
                        c.purchases(),
                        "revenue_cents",
                        c.revenueCents()))));
        return counters;
    }

    /** The profile's measures of a category, from a table's counters. */
    private static Map<String, Map<String, Long>> categoryCounters(Map<String, Map<String, Long>> rows) {
        Map<String, Map<String, Long>> counters = new TreeMap<>();
        rows.forEach((category, row) ->
                counters.put(category, only(row, "events", "views", "carts", "purchases", "revenue_cents")));
        return counters;
    }

    private static Map<String, Long> only(Map<String, Long> row, String... qualifiers) {
        Map<String, Long> kept = new TreeMap<>(row);
        kept.keySet().retainAll(java.util.Set.of(qualifiers));
        return kept;
    }

    private static Map<String, Long> nonZero(Map<String, Long> values) {
        Map<String, Long> kept = new TreeMap<>(values);
        kept.values().removeIf(value -> value == 0);
        return kept;
    }

    /** numerator / denominator, to the profile's 34 significant digits. */
    private static BigDecimal ratio(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL128);
    }
}
