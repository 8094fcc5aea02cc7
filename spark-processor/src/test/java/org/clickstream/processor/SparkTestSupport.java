package org.clickstream.processor;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.Trigger;
import org.clickstream.core.EventRules;
import org.clickstream.core.hbase.TableLayout;
import scala.Option;
import scala.Tuple3;
import scala.collection.JavaConverters;

/** A small local Spark, an in-memory stream shaped like Spark's Kafka source, and the processor's settings for it. */
final class SparkTestSupport {
    static final String TOPIC = "events";

    private SparkTestSupport() {}

    static SparkSession localSpark() {
        return SparkSessions.configure(SparkSession.builder(), 2, SparkSessions.HDFS_STATE_STORE)
                .master("local[2]")
                .appName("processor-test")
                .config("spark.ui.enabled", false)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** The processor's defaults (all tables, 10-minute watermark, 30-minute session gap), back-to-back batches. */
    static ProcessorSettings settings(Path checkpoint) {
        return new ProcessorSettings(
                "unused",
                TOPIC,
                "unused",
                TableLayout.defaultLayout(),
                checkpoint.toUri().toString(),
                "earliest",
                100_000,
                Trigger.ProcessingTime(0),
                Trigger.ProcessingTime(0),
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                2,
                SparkSessions.HDFS_STATE_STORE,
                true,
                Map.of(),
                0,
                Duration.ofMinutes(3),
                false,
                null,
                null,
                EventRules.defaults(),
                Outputs.all(),
                TableLayout.DEFAULT_REJECTS_TTL,
                false,
                null);
    }

    /** Kafka-like records: (value, offset, timestamp) of one partition of {@link #TOPIC}. */
    static final class Records {
        private static int nextId;
        final MemoryStream<Tuple3<String, Long, Timestamp>> stream;
        private long nextOffset;

        Records(SparkSession spark) {
            stream = new MemoryStream<>(
                    nextId++,
                    spark.sqlContext(),
                    Option.empty(),
                    Encoders.tuple(Encoders.STRING(), Encoders.LONG(), Encoders.TIMESTAMP()));
        }

        Dataset<Row> source() {
            return stream.toDF()
                    .select(
                            col("_1").cast("binary").as(KafkaRecords.VALUE),
                            lit(TOPIC).as(KafkaRecords.TOPIC),
                            lit(0).as(KafkaRecords.PARTITION),
                            col("_2").as(KafkaRecords.OFFSET),
                            col("_3").as(KafkaRecords.TIMESTAMP));
        }

        /** Adds values as the next offsets, sent now; returns the first offset used. */
        long add(List<String> values) {
            long first = nextOffset;
            Timestamp now = new Timestamp(System.currentTimeMillis());
            List<Tuple3<String, Long, Timestamp>> records =
                    values.stream().map(v -> new Tuple3<>(v, nextOffset++, now)).toList();
            stream.addData(
                    JavaConverters.asScalaBufferConverter(records).asScala().toSeq());
            return first;
        }
    }
}
