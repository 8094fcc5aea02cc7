package org.clickstream.profile;

import org.apache.spark.sql.SparkSession;

/** One local Spark for every profile test in the JVM (starting one takes seconds). */
final class SparkForTests {
    private static SparkSession session;

    private SparkForTests() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("profile-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return session;
    }
}
