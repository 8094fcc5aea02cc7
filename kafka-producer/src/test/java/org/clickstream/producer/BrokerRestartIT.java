package org.clickstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.clickstream.core.ClickEvent;
import org.clickstream.core.generator.EventGenerator;
import org.clickstream.core.testing.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away in the middle of a run and comes back: the client's retries carry the
 * records over the gap, and the idempotent producer neither loses nor duplicates any of them.
 * Restarts the Kafka of the stack the tests use (scripts/test's own, normally).
 */
class BrokerRestartIT {
    private static final int EVENTS = 30_000;
    private static final int RATE = 3_000;

    @BeforeAll
    static void stack() {
        LocalStack.ensureRunning();
    }

    @Test
    void aBrokerRestartMidRunLosesAndDuplicatesNothing() throws Exception {
        String topic = ProduceCommandIT.freshTopic();
        CompletableFuture<ProduceCommandTest.Result> producing =
                CompletableFuture.supplyAsync(() -> ProduceCommandIT.produce(
                        "--generate", Integer.toString(EVENTS), "--rate", Integer.toString(RATE), "--topic", topic));
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(producing).as("still producing").isNotDone();
                    return TopicContents.count(topic) >= RATE;
                });

        LocalStack.run("restart", "kafka");

        ProduceCommandTest.Result result = producing.get(5, TimeUnit.MINUTES);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains(String.format("sent %,d events: %,d acknowledged, 0 failed", EVENTS, EVENTS));
        List<ConsumerRecord<String, byte[]>> records = TopicContents.readAll(topic);
        assertThat(records).hasSize(EVENTS);
        assertThat(TopicContents.keysInSeveralPartitions(records)).isEmpty();
        assertThat(TopicContents.byKey(records)).isEqualTo(expectedByKey());
    }

    /** The same generator's events, written out field by field, grouped by key in the order generated. */
    private static Map<String, List<Map<String, Object>>> expectedByKey() {
        EventGenerator generator = new EventGenerator(EventGenerator.Settings.defaults());
        Map<String, List<Map<String, Object>>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            ClickEvent event = generator.next();
            Map<String, Object> fields = new TreeMap<>();
            fields.put(
                    "event_time",
                    ExpectedRecords.TIME.format(LocalDateTime.ofInstant(event.eventTime(), ZoneOffset.UTC)) + " UTC");
            fields.put("event_type", event.eventType().wireName());
            fields.put("product_id", BigDecimal.valueOf(event.productId()).stripTrailingZeros());
            fields.put(
                    "category_id",
                    event.categoryId() == null
                            ? null
                            : BigDecimal.valueOf(event.categoryId()).stripTrailingZeros());
            fields.put("category_code", event.categoryCode());
            fields.put("brand", event.brand());
            fields.put("price", event.price().stripTrailingZeros());
            fields.put("user_id", BigDecimal.valueOf(event.userId()).stripTrailingZeros());
            fields.put("user_session", event.userSession());
            String key = event.userSession() != null ? event.userSession() : Long.toString(event.userId());
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(fields);
        }
        return byKey;
    }
}
