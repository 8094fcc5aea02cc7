package org.clickstream.processor;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/** A small local Spark and an in-memory stream shaped like Spark's Kafka source. */
final class SparkTestSupport {
    static final String TOPIC = "events";

    private SparkTestSupport() {
    }

    static SparkSession localSpark() {
        return ProcessorJob.configure(SparkSession.builder(), 2, ProcessorJob.HDFS_STATE_STORE)
                .master("local[2]")
                .appName("processor-test")
                .config("spark.ui.enabled", false)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    /** Kafka-like records: (value, offset) pairs of one partition of {@link #TOPIC}. */
    static final class Records {
        private static int nextId;
        final MemoryStream<Tuple2<String, Long>> stream;
        private long nextOffset;

        Records(SparkSession spark) {
            stream = new MemoryStream<>(nextId++, spark.sqlContext(), Option.empty(),
                    Encoders.tuple(Encoders.STRING(), Encoders.LONG()));
        }

        Dataset<Row> source() {
            return stream.toDF().select(
                    col("_1").cast("binary").as("value"),
                    lit(TOPIC).as("topic"),
                    lit(0).as("partition"),
                    col("_2").as("offset"));
        }

        /** Adds values as the next offsets; returns the first offset used. */
        long add(List<String> values) {
            long first = nextOffset;
            List<Tuple2<String, Long>> records = values.stream().map(v -> new Tuple2<>(v, nextOffset++)).toList();
            stream.addData(JavaConverters.asScalaBufferConverter(records).asScala().toSeq());
            return first;
        }
    }
}
