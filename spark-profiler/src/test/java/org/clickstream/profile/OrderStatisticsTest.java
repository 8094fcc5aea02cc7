package org.clickstream.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Order statistics from value counts, including a bucket too full to collect that must be split again. */
class OrderStatisticsTest {
    private static final int IDS = 2;
    private static final int PRICES = 6;

    @Test
    void findsRanksInCrowdedBucketsAndRepeatedValues() {
        // 300,000 distinct ids 0…299,999 and one far outlier: every id but the outlier falls into the
        // first of the first round's buckets, which holds too many distinct values to collect.
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 300_000; id++) {
            rows.add(valueCount(IDS, id, null, 1));
        }
        rows.add(valueCount(IDS, 1_000_000_000_000_000L, null, 1));
        // Prices 1.00 ×3, 2.50 ×1, 7.25 ×4 (sorted ranks 0-2: 1.00, 3: 2.50, 4-7: 7.25).
        rows.add(valueCount(PRICES, null, new BigDecimal("7.25"), 4));
        rows.add(valueCount(PRICES, null, new BigDecimal("1.00"), 3));
        rows.add(valueCount(PRICES, null, new BigDecimal("2.50"), 1));
        JavaRDD<Row> table = JavaSparkContext.fromSparkContext(SparkForTests.session().sparkContext()).parallelize(rows, 3);

        NumericRanges.Range range = new NumericRanges.Range(ValueCounts.REJECTS + 1);
        range.include(IDS, 0);
        range.include(IDS, 1e15);
        range.include(PRICES, 1.0);
        range.include(PRICES, 7.25);
        OrderStatistics.BucketCounts counts = table.aggregate(OrderStatistics.firstRound(List.of(IDS, PRICES), range),
                OrderStatistics.BucketCounts::add, OrderStatistics.BucketCounts::merge);

        Map<Integer, Map<Long, BigDecimal>> found = OrderStatistics.find(table, counts, Map.of(
                IDS, ranks(0, 1, 150_000, 299_999, 300_000),
                PRICES, ranks(0, 2, 3, 4, 7)));

        assertThat(found.get(IDS)).containsExactlyInAnyOrderEntriesOf(Map.of(
                0L, BigDecimal.valueOf(0), 1L, BigDecimal.valueOf(1), 150_000L, BigDecimal.valueOf(150_000),
                299_999L, BigDecimal.valueOf(299_999), 300_000L, BigDecimal.valueOf(1_000_000_000_000_000L)));
        assertThat(found.get(PRICES)).containsExactlyInAnyOrderEntriesOf(Map.of(
                0L, new BigDecimal("1.00"), 2L, new BigDecimal("1.00"), 3L, new BigDecimal("2.50"),
                4L, new BigDecimal("7.25"), 7L, new BigDecimal("7.25")));
    }

    private static Row valueCount(int kind, Long longValue, BigDecimal decimalValue, long count) {
        return RowFactory.create(kind, longValue, decimalValue, null, count, null);
    }

    private static SortedSet<Long> ranks(long... ranks) {
        SortedSet<Long> set = new TreeSet<>();
        for (long rank : ranks) {
            set.add(rank);
        }
        return set;
    }
}
