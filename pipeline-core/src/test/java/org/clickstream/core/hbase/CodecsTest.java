package org.clickstream.core.hbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventType;
import org.junit.jupiter.api.Test;

/** The row encodings, checked against the bytes the contract specifies (not against each other only). */
class CodecsTest {

    @Test
    void countersAreBigEndianLongsAndZerosAreNotWritten() {
        Put put = CounterCells.put(
                "brand|202009241157", Map.of("events", 1L, "views", 1L, "carts", 0L, "price_sum_cents", 3190L));
        assertThat(cells(put)).containsOnlyKeys("m:events", "m:views", "m:price_sum_cents");
        assertThat(cells(put).get("m:price_sum_cents")).containsExactly(0, 0, 0, 0, 0, 0, 0x0C, 0x76);
        assertThat(CounterCells.read(Result.create(put.getFamilyCellMap().get(TableLayout.METRICS_FAMILY))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("events", 1L, "views", 1L, "price_sum_cents", 3190L));
        assertThatThrownBy(() -> CounterCells.put("x", Map.of("events", -1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRejectKeepsABoundedPrefixAndTheFullSize() {
        byte[] huge = "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
        RejectRow row = RejectRow.of("bad_text_field", "d".repeat(10_000), huge, "t/0/42");
        assertThat(row.raw()).hasSize(RejectRow.MAX_RAW_BYTES);
        assertThat(row.rawBytes()).isEqualTo(1_000_000);
        assertThat(row.detail()).hasSize(RejectRow.MAX_DETAIL_CHARS);
        Put put = row.toPut();
        assertThat(new String(put.getRow(), StandardCharsets.UTF_8)).isEqualTo("t/0/42");
        assertThat(RejectRow.read(result(put))).isEqualTo(row);
    }

    @Test
    void theHealthRowRoundTripsAndAnUnknownLagStaysUnknown() {
        HealthRow health = new HealthRow(7, 1_700_000_000_000L, 100, 50, 2000, 3, 9, 4, null, "q-1", "events");
        HealthRow read = HealthRow.read(result(health.toPut(HealthRow.PROCESSOR)));
        assertThat(read).isEqualTo(health);
        assertThat(cells(health.toPut(HealthRow.PROCESSOR)))
                .doesNotContainKey("s:kafka_lag")
                .containsKey("s:query_id");
        assertThat(HealthRow.read(Result.EMPTY_RESULT)).isNull();
    }

    @Test
    void leaderboardsMergeToTheTopValuesAndMergingTwiceChangesNothing() {
        Leaderboard board = Leaderboard.EMPTY.merge(Map.of("a", 5L, "b", 9L, "c", 5L), Comparator.naturalOrder(), 2);
        assertThat(board.entries()).extracting(Leaderboard.Entry::key).containsExactly("b", "a");
        Leaderboard grown = board.merge(Map.of("c", 12L, "a", 6L), Comparator.naturalOrder(), 2);
        assertThat(grown.entries()).containsExactly(new Leaderboard.Entry("c", 12), new Leaderboard.Entry("b", 9));
        assertThat(grown.merge(Map.of("c", 12L, "a", 6L), Comparator.naturalOrder(), 2))
                .isEqualTo(grown);
        // Product ids tie-break as numbers, not as text.
        Leaderboard products = Leaderboard.EMPTY.merge(Map.of("10", 1L, "9", 1L), Dimension.PRODUCT.valueOrder(), 5);
        assertThat(products.entries()).extracting(Leaderboard.Entry::key).containsExactly("9", "10");
        Put put = grown.toPut(Leaderboard.allTimeRow(Dimension.BRAND, "events"));
        assertThat(new String(put.getRow(), StandardCharsets.UTF_8)).isEqualTo("brand|all|events");
        assertThat(new String(cells(put).get("t:top"), StandardCharsets.UTF_8)).isEqualTo("[[\"c\",12],[\"b\",9]]");
        assertThat(Leaderboard.read(result(put))).isEqualTo(grown);
    }

    @Test
    void theHourOfAnHourlyProductBoardComesBackFromItsKey() {
        assertThat(Leaderboard.hourOfProductsInHourRow("product|2020092411|views"))
                .contains("2020092411");
        assertThat(Leaderboard.hourOfProductsInHourRow(Leaderboard.productsInHourRow("2021022823", "revenue_cents")))
                .contains("2021022823");
        assertThat(Leaderboard.hourOfProductsInHourRow("product|2020092411")).isEmpty();
        assertThat(Leaderboard.hourOfProductsInHourRow("product|2020139911|views"))
                .isEmpty();
        assertThat(Leaderboard.hourOfProductsInHourRow("brand_product|2020092411|views"))
                .isEmpty();
    }

    @Test
    void eventsMapToTheirRowsOfEveryTable() {
        ClickEvent event = new ClickEvent(
                Instant.parse("2020-09-24T11:57:06Z"),
                EventType.VIEW,
                1996170L,
                null,
                "electronics.telephone",
                " Samsung",
                new java.math.BigDecimal("31.90"),
                7L,
                "s1");
        Instant minute = Instant.parse("2020-09-24T11:57:00Z");
        List<String> keys = new ArrayList<>();
        for (MetricTable table : MetricTable.values()) {
            keys.add(table.simpleName() + "="
                    + table.rowKey(minute, table.dimension().of(event)));
        }
        assertThat(keys)
                .containsExactly(
                        "metrics_by_minute=202009241157",
                        "metrics_total=all",
                        "metrics_by_brand=samsung",
                        "metrics_by_brand_minute=samsung|202009241157",
                        "metrics_by_category=electronics",
                        "metrics_by_category_minute=electronics|202009241157",
                        "metrics_by_category_code=electronics.telephone",
                        "metrics_by_category_code_minute=electronics.telephone|202009241157",
                        "metrics_by_product=1996170",
                        "metrics_by_brand_product=samsung|1996170");
        assertThat(Dimension.brandOf("a|b|1996170")).isEqualTo("a|b");
        assertThat(Dimension.productOf("a|b|1996170")).isEqualTo("1996170");
        ClickEvent bare =
                new ClickEvent(minute, EventType.CART, 1L, null, null, null, java.math.BigDecimal.ONE, 7L, null);
        assertThat(bare.topCategory()).isEqualTo("unknown");
        assertThat(bare.categoryKey()).isEqualTo("unknown");
        assertThat(bare.sessionKey()).isEqualTo("u:7");
        assertThat(event.sessionKey()).isEqualTo("s:s1");
        assertThat(new ClickEvent(minute, EventType.CART, 1L, null, "apparel", null, java.math.BigDecimal.ONE, 7L, null)
                        .topCategory())
                .isEqualTo("apparel");
        for (MetricTable table : MetricTable.values()) {
            assertThat(MetricTable.ofCode(table.code())).isEqualTo(table);
        }
    }

    @Test
    void theTableScriptIsTheLayoutsOwn() throws Exception {
        java.nio.file.Path script =
                org.clickstream.core.testing.LocalStack.repositoryRoot().resolve("hbase-config/create-tables.hbase");
        java.nio.file.Path generated =
                java.nio.file.Path.of("target", "create-tables.hbase").toAbsolutePath();
        java.nio.file.Files.writeString(generated, TableLayout.shellScript());
        assertThat(java.nio.file.Files.readString(script))
                .as("hbase-config/create-tables.hbase must be what TableLayout generates: copy %s over it", generated)
                .isEqualTo(TableLayout.shellScript());
        assertThat(TableLayout.TABLES)
                .extracting(TableLayout.Table::simpleName)
                .contains(
                        "metrics_by_minute",
                        "metrics_by_product",
                        "sessions_by_minute",
                        "leaderboards",
                        "rejects",
                        "pipeline");
        assertThatThrownBy(() -> TableLayout.of("bad-name")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TableLayout.of("shop2").table(MetricTable.BRAND).getNameAsString())
                .isEqualTo("shop2:metrics_by_brand");
    }

    private static Result result(Put put) {
        List<Cell> all = new ArrayList<>();
        put.getFamilyCellMap().values().forEach(all::addAll);
        all.sort(org.apache.hadoop.hbase.CellComparator.getInstance());
        return Result.create(all);
    }

    private static Map<String, byte[]> cells(Put put) {
        Map<String, byte[]> cells = new java.util.TreeMap<>();
        put.getFamilyCellMap()
                .values()
                .forEach(list -> list.forEach(cell -> cells.put(
                        new String(CellUtil.cloneFamily(cell), StandardCharsets.UTF_8) + ":"
                                + new String(CellUtil.cloneQualifier(cell), StandardCharsets.UTF_8),
                        CellUtil.cloneValue(cell))));
        return cells;
    }
}
