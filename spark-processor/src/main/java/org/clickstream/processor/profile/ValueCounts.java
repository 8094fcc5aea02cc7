package org.clickstream.processor.profile;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.clickstream.core.EventFields.EVENT_TYPE;
import static org.clickstream.core.EventFields.PRICE;
import static org.clickstream.processor.profile.ParsedEvents.BRAND_KEY;
import static org.clickstream.processor.profile.ParsedEvents.PRICE_TYPE;
import static org.clickstream.processor.profile.ParsedEvents.REJECT_REASON;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.clickstream.core.EventFields;
import org.clickstream.core.EventType;

/**
 * The one pass over the parsed rows that every section of the profile is derived from: how often
 * each value of each column occurs (the nine columns of the valid rows, nulls left out), the brand
 * table's counts and money, and the malformed rows by reason. Each row of the input becomes up to
 * eleven entries, which one aggregation counts; high-cardinality columns (times, users, sessions)
 * make it about as large as the input, the others collapse to a few rows.
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

    static final List<String> TEXT_COLUMNS = List.of(
            EVENT_TYPE, EventFields.CATEGORY_CODE, EventFields.BRAND, EventFields.USER_SESSION);

    private ValueCounts() {
    }

    static int kindOf(String column) {
        return EventFields.ALL.indexOf(column);
    }

    static Dataset<Row> of(Dataset<Row> parsed) {
        List<Column> entries = new ArrayList<>();
        for (String column : EventFields.ALL) {
            boolean isText = TEXT_COLUMNS.contains(column);
            boolean isDecimal = column.equals(PRICE);
            entries.add(entry(kindOf(column),
                    isText || isDecimal ? null : col(column),
                    isDecimal ? col(column) : null,
                    isText ? col(column) : null,
                    null));
        }
        Column branded = col(BRAND_KEY).isNotNull();
        entries.add(entry(BRAND_TOTALS,
                when(branded, when(col(EVENT_TYPE).equalTo(EventType.PURCHASE.wireName()), 1L).otherwise(0L)),
                null, col(BRAND_KEY), when(branded, col(PRICE))));
        entries.add(entry(REJECTS, null, null, col(REJECT_REASON), null));

        return parsed.select(explode(array(entries.toArray(Column[]::new))).as("entry"))
                .select("entry.*")
                .where(col(LONG_VALUE).isNotNull().or(col(DECIMAL_VALUE).isNotNull()).or(col(TEXT_VALUE).isNotNull()))
                .groupBy(KIND, LONG_VALUE, DECIMAL_VALUE, TEXT_VALUE)
                .agg(count(lit(1)).as(COUNT), sum(AMOUNT).as(AMOUNT));
    }

    private static Column entry(int kind, Column longValue, Column decimalValue, Column textValue, Column amount) {
        return struct(
                lit(kind).as(KIND),
                orNull(longValue, DataTypes.LongType).as(LONG_VALUE),
                orNull(decimalValue, PRICE_TYPE).as(DECIMAL_VALUE),
                orNull(textValue, DataTypes.StringType).as(TEXT_VALUE),
                orNull(amount, PRICE_TYPE).as(AMOUNT));
    }

    private static Column orNull(Column value, org.apache.spark.sql.types.DataType type) {
        return value != null ? value : lit(null).cast(type);
    }

    /** The number in a row whose first columns are {@link #KIND}, {@link #LONG_VALUE}, {@link #DECIMAL_VALUE}. */
    static BigDecimal numericValue(Row row) {
        return row.isNullAt(1) ? row.getDecimal(2) : BigDecimal.valueOf(row.getLong(1));
    }
}
