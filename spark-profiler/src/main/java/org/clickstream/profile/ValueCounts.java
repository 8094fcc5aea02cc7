package org.clickstream.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.clickstream.core.EventFields;

/**
 * The one pass over the file that every section of the profile is derived from: how often each
 * value of each column occurs (the nine columns of the valid rows, nulls left out), the brand
 * table's counts and money, and the malformed rows by reason. {@link ValueCounter} makes entries
 * task by task, and one aggregation adds them up. High-cardinality columns (times, users,
 * sessions) make the table about as long as the input; the others are a few rows each.
 *
 * <p>Columns of the table: {@link #KIND} (a column's index in {@link EventFields#ALL}, or
 * {@link #BRAND_TOTALS} or {@link #REJECTS}), the value in the slot of its type
 * ({@link #LONG_VALUE}: ids and event time in epoch seconds; {@link #DECIMAL_VALUE}: price;
 * {@link #TEXT_VALUE}: text), the other slots null, then {@link #COUNT} and {@link #AMOUNT}.
 */
final class ValueCounts {
    static final String KIND = "kind";
    static final String LONG_VALUE = "long_value";
    static final String DECIMAL_VALUE = "decimal_value";
    static final String TEXT_VALUE = "text_value";
    static final String COUNT = "count";
    /** Sum of the prices of a {@link #BRAND_TOTALS} entry; null for the others. */
    static final String AMOUNT = "amount";

    /** Per normalised brand (text) and purchase or not (long 1 or 0): events and the sum of their prices. */
    static final int BRAND_TOTALS = EventFields.ALL.size();
    /** Per reject reason code (text): malformed rows. */
    static final int REJECTS = BRAND_TOTALS + 1;

    /**
     * Prices as exact decimals. Eight decimal places cover every real price (the data set has two);
     * the validator's maximum (10^9) keeps them within 18 digits, which Spark stores in a long.
     */
    static final DecimalType PRICE_TYPE = DataTypes.createDecimalType(18, 8);
    /** Sums of prices: up to 10^29 dollars. */
    static final DecimalType AMOUNT_TYPE = DataTypes.createDecimalType(38, 8);

    static final List<String> TEXT_COLUMNS = List.of(
            EventFields.EVENT_TYPE, EventFields.CATEGORY_CODE, EventFields.BRAND, EventFields.USER_SESSION);

    static final StructType SCHEMA = new StructType()
            .add(KIND, DataTypes.IntegerType, false)
            .add(LONG_VALUE, DataTypes.LongType)
            .add(DECIMAL_VALUE, PRICE_TYPE)
            .add(TEXT_VALUE, DataTypes.StringType)
            .add(COUNT, DataTypes.LongType, false)
            .add(AMOUNT, AMOUNT_TYPE);

    private ValueCounts() {
    }

    static int kindOf(String column) {
        return EventFields.ALL.indexOf(column);
    }

    /**
     * @param file one file, as a path or URI Hadoop understands (a glob pattern, strictly: see
     *             {@code ProfileJob.hadoopPath}); read as text lines split across tasks, so it never
     *             has to fit in memory; {@code .gz} files are decompressed, in one task
     * @param ranges gathers the numeric columns' ranges while the file is parsed
     * @param charactersParsed counts the text parsed, for progress
     */
    static Dataset<Row> of(SparkSession spark, String file, NumericRanges ranges, LongAccumulator charactersParsed) {
        return spark.read().text(file)
                .select(col("value"), input_file_block_start())
                .mapPartitions((MapPartitionsFunction<Row, Row>) lines -> new ValueCounter(lines, ranges, charactersParsed), Encoders.row(SCHEMA))
                .groupBy(KIND, LONG_VALUE, DECIMAL_VALUE, TEXT_VALUE)
                .agg(sum(COUNT).as(COUNT), sum(AMOUNT).as(AMOUNT));
    }

    /** The number in a row whose first columns are {@link #KIND}, {@link #LONG_VALUE}, {@link #DECIMAL_VALUE}. */
    static BigDecimal numericValue(Row row) {
        return row.isNullAt(1) ? row.getDecimal(2) : BigDecimal.valueOf(row.getLong(1));
    }
}
