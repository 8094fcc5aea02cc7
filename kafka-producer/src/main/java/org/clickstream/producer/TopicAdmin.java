package org.clickstream.producer;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Before producing: wait (a bounded time) for the broker, and create the topic if it is missing. */
public final class TopicAdmin implements AutoCloseable {
    private static final Duration ATTEMPT = Duration.ofSeconds(5);
    private static final Duration LEADERS_WAIT = Duration.ofSeconds(60);

    private final Admin admin;
    private final String bootstrap;
    private final PrintWriter out;

    public TopicAdmin(Properties producerConfig, PrintWriter out) {
        Properties config = KafkaSettings.adminConfig(producerConfig);
        this.bootstrap = config.getProperty("bootstrap.servers");
        this.admin = Admin.create(config);
        this.out = out;
    }

    /**
     * Returns when the cluster answers; says so every few seconds while it does not.
     *
     * @return {@code false} when {@code stopRequested} became true while waiting
     * @throws ProducerException when it does not answer within {@code wait}, or refuses us (e.g. bad credentials)
     */
    public boolean awaitBroker(Duration wait, BooleanSupplier stopRequested) throws InterruptedException {
        long started = System.nanoTime();
        RetryPolicy<Object> untilItAnswers = RetryPolicy.builder()
                .handleIf(TopicAdmin::retriable)
                .withMaxRetries(-1)
                .withMaxDuration(wait)
                .abortIf((result, failure) -> stopRequested.getAsBoolean())
                .onRetry(event -> out.printf(
                        "waiting for Kafka at %s (%d of %d s)...%n",
                        bootstrap, Duration.ofNanos(System.nanoTime() - started).toSeconds(), wait.toSeconds()))
                .build();
        try {
            Failsafe.with(untilItAnswers).run(() -> {
                // At least a second per attempt, so that --wait-for-broker 0 still tries once.
                long remainingMs = wait.toMillis()
                        - Duration.ofNanos(System.nanoTime() - started).toMillis();
                int timeoutMs = (int) Math.max(1_000, Math.min(ATTEMPT.toMillis(), remainingMs));
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                        .nodes()
                        .get();
            });
            return true;
        } catch (FailsafeException e) {
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            Throwable cause = e.getCause() instanceof ExecutionException ee ? ee.getCause() : e.getCause();
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (!(cause instanceof RetriableException)) {
                throw new ProducerException("Kafka at " + bootstrap + " refused the connection: " + cause.getMessage());
            }
            throw new ProducerException("Kafka at " + bootstrap + " is not reachable (waited " + wait.toSeconds()
                    + " s; is the broker running? scripts/stack start)");
        }
    }

    /** A failure worth another try: Kafka's own retriable errors (wrapped by the admin client's futures). */
    private static boolean retriable(Throwable failure) {
        return (failure instanceof ExecutionException e ? e.getCause() : failure) instanceof RetriableException;
    }

    /**
     * Creates the topic when it does not exist (an existing topic is left as it is), then returns
     * once every partition's leader accepts requests.
     */
    public void ensureTopic(String topic, int partitions, Duration retention) throws InterruptedException {
        Optional<TopicDescription> existing = describe(topic);
        if (existing.isPresent()) {
            int actual = existing.get().partitions().size();
            out.printf(
                    "topic %s exists (%d partitions)%s%n",
                    topic, actual, actual == partitions ? "" : "; --partitions applies only when the topic is created");
        } else {
            create(topic, partitions, retention);
        }
        awaitLeaders(topic);
    }

    private void create(String topic, int partitions, Duration retention) throws InterruptedException {
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
        try {
            admin.createTopics(List.of(newTopic)).all().get();
            out.printf("created topic %s (%d partitions, retention %d h)%n", topic, partitions, retention.toHours());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ProducerException(
                        "cannot create topic " + topic + ": " + e.getCause().getMessage());
            }
        }
    }

    /**
     * A broker lists a new partition's leader a moment before that leader accepts writes. Sending in
     * that moment fails the first batch with NOT_LEADER_OR_FOLLOWER, and the idempotent producer's
     * batches behind it can then be refused as out of sequence until they expire: events lost. A
     * ListOffsets answer comes from the leader itself, so it is the readiness check.
     */
    private void awaitLeaders(String topic) throws InterruptedException {
        RetryPolicy<Object> untilLeadersAnswer = RetryPolicy.builder()
                .handleIf(failure -> retriable(failure) || failure instanceof java.util.NoSuchElementException)
                .withDelay(Duration.ofMillis(100))
                .withMaxRetries(-1)
                .withMaxDuration(LEADERS_WAIT)
                .build();
        try {
            Failsafe.with(untilLeadersAnswer).run(() -> {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (TopicPartitionInfo partition :
                        describe(topic).orElseThrow().partitions()) {
                    latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
                }
                admin.listOffsets(latest).all().get();
            });
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() instanceof ExecutionException ee ? ee.getCause() : e.getCause();
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (retriable(cause) || cause instanceof java.util.NoSuchElementException) {
                throw new ProducerException(
                        "the partitions of topic " + topic + " have no leader accepting writes after "
                                + LEADERS_WAIT.toSeconds() + " s: " + cause.getMessage());
            }
            throw new ProducerException("cannot read the offsets of topic " + topic + ": " + cause.getMessage());
        }
    }

    private Optional<TopicDescription> describe(String topic) throws InterruptedException {
        try {
            return Optional.of(
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new ProducerException(
                    "cannot describe topic " + topic + ": " + e.getCause().getMessage());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
