package org.clickstream.profile;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/** One local Spark for every profile test in the JVM (starting one takes seconds), and the profile of a file on it. */
final class SparkForTests {
    private static JavaSparkContext context;

    private SparkForTests() {}

    static synchronized JavaSparkContext context() {
        if (context == null) {
            context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("profile-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.ui.showConsoleProgress", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")));
        }
        return context;
    }

    static ProfileResult profile(Path file) throws IOException {
        return ProfileJob.profile(context(), file, Profiler.Settings.defaults());
    }

    static ProfileResult profile(Path file, Profiler.Settings settings) throws IOException {
        return ProfileJob.profile(context(), file, settings);
    }
}
