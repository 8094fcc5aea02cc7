package org.clickstream.processor.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_block_start;

import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.EventCsv;
import org.clickstream.core.EventFields;
import org.clickstream.core.ParseResult;

/**
 * A CSV file of events as a Dataset with one row per data line: the event's typed columns, or, for a
 * malformed line, only {@link #REJECT_REASON}. The file is read as text lines (split across tasks,
 * so it never has to fit in memory) and each line goes through pipeline-core's
 * {@link EventCsv#parseLine}, the same rules the producer and the processor apply.
 *
 * <p>Like {@link EventCsv.LineReader}, the header is skipped only as the file's first line, and
 * blank lines are skipped.
 */
final class ParsedEvents {
    /** Normalised brand (trimmed, lower-case) as CONTRACT.md defines it; null when the brand is empty or blank. */
    static final String BRAND_KEY = "brand_key";
    /** {@code RejectReason.code()} of a malformed line; null for a valid one. */
    static final String REJECT_REASON = "reject_reason";

    /**
     * Prices as exact decimals. Eight decimal places cover every real price (the data set has two);
     * the validator's maximum (10^9) keeps them within 18 digits, which Spark stores in a long.
     */
    static final DecimalType PRICE_TYPE = DataTypes.createDecimalType(18, 8);

    static final StructType SCHEMA = new StructType()
            // Seconds since the epoch: the time a valid row means, whatever its text ("… UTC" or not).
            .add(EventFields.EVENT_TIME, DataTypes.LongType)
            .add(EventFields.EVENT_TYPE, DataTypes.StringType)
            .add(EventFields.PRODUCT_ID, DataTypes.LongType)
            .add(EventFields.CATEGORY_ID, DataTypes.LongType)
            .add(EventFields.CATEGORY_CODE, DataTypes.StringType)
            .add(EventFields.BRAND, DataTypes.StringType)
            .add(BRAND_KEY, DataTypes.StringType)
            .add(EventFields.PRICE, PRICE_TYPE)
            .add(EventFields.USER_ID, DataTypes.LongType)
            .add(EventFields.USER_SESSION, DataTypes.StringType)
            .add(REJECT_REASON, DataTypes.StringType);

    private ParsedEvents() {
    }

    /**
     * @param file one file, as a path or URI Hadoop understands (a glob pattern, strictly: see
     *             {@code ProfileJob.hadoopPath}); {@code .gz} files are decompressed, in one task
     */
    static Dataset<Row> read(SparkSession spark, String file) {
        return spark.read().text(file)
                .select(col("value"), input_file_block_start().as("block_start"))
                .mapPartitions((MapPartitionsFunction<Row, Row>) ParsedEvents::parse, Encoders.row(SCHEMA));
    }

    /**
     * A task reads whole splits of the file, each in order, so the file's first line is the first
     * line the task sees of the split that starts at byte 0.
     */
    private static Iterator<Row> parse(Iterator<Row> lines) {
        boolean[] firstLineSeen = {false};
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED), false)
                .map(line -> {
                    boolean first = !firstLineSeen[0] && line.getLong(1) == 0;
                    firstLineSeen[0] |= first;
                    return toRow(first, line.getString(0));
                })
                .filter(Objects::nonNull)
                .iterator();
    }

    /** The row for one line, or null for a line that is no record (the header, a blank line). */
    static Row toRow(boolean firstLine, String line) {
        if (line.isBlank() || (firstLine && line.strip().equals(EventCsv.HEADER_LINE))) {
            return null;
        }
        ParseResult result = EventCsv.parseLine(line);
        if (result instanceof ParseResult.Rejected rejected) {
            return RowFactory.create(null, null, null, null, null, null, null, null, null, null,
                    rejected.reason().code());
        }
        ClickEvent event = ((ParseResult.Valid) result).event();
        return RowFactory.create(
                event.eventTime().getEpochSecond(),
                event.eventType().wireName(),
                event.productId(),
                event.categoryId(),
                event.categoryCode(),
                event.brand(),
                brandKey(event.brand()),
                event.price().setScale(PRICE_TYPE.scale(), RoundingMode.HALF_UP),
                event.userId(),
                event.userSession(),
                null);
    }

    /** The brand table's key: CONTRACT.md's normalised brand, but null (left out) instead of "unknown". */
    static String brandKey(String rawBrand) {
        return rawBrand == null || rawBrand.trim().isEmpty() ? null : ClickEvent.normalizeBrand(rawBrand);
    }
}
