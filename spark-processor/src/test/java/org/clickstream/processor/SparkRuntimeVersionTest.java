package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.Test;

/**
 * local-stack/spark-runtime resolves Spark on its own (outside the root pom, so that its class path
 * is a Spark install's): its Spark version must be the one the jobs are built against.
 */
class SparkRuntimeVersionTest {
    private static final Pattern SPARK_VERSION = Pattern.compile("<spark\\.version>([^<]+)</spark\\.version>");

    @Test
    void theSparkTheJobsRunOnIsTheSparkTheyAreBuiltAgainst() throws Exception {
        Path root = LocalStack.repositoryRoot();
        assertThat(version(root.resolve("local-stack/spark-runtime/pom.xml")))
                .isEqualTo(version(root.resolve("pom.xml")));
        assertThat(org.apache.spark.package$.MODULE$.SPARK_VERSION()).isEqualTo(version(root.resolve("pom.xml")));
    }

    private static String version(Path pom) throws Exception {
        Matcher matcher = SPARK_VERSION.matcher(Files.readString(pom));
        assertThat(matcher.find()).as("spark.version in %s", pom).isTrue();
        return matcher.group(1);
    }
}
