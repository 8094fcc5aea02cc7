package org.clickstream.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The Kafka value: one JSON object with the nine fields. {@code event_time} is the data set's
 * string, ids and price are JSON numbers, empty text is {@code null}; unknown fields are ignored.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // Prices keep every digit: a double would turn 0.145 into 0.14499999...
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private EventJson() {
    }

    public static byte[] encode(ClickEvent event) {
        return encode(event, null);
    }

    /** @param sentAtMillis added as {@value EventFields#SENT_AT_MS} when not {@code null} */
    public static byte[] encode(ClickEvent event, Long sentAtMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            json.writeStartObject();
            json.writeStringField(EventFields.EVENT_TIME, EventTimes.format(event.eventTime()));
            json.writeStringField(EventFields.EVENT_TYPE, event.eventType().wireName());
            json.writeNumberField(EventFields.PRODUCT_ID, event.productId());
            writeNullableNumber(json, EventFields.CATEGORY_ID, event.categoryId());
            json.writeStringField(EventFields.CATEGORY_CODE, event.categoryCode());
            json.writeStringField(EventFields.BRAND, event.brand());
            json.writeNumberField(EventFields.PRICE, event.price());
            json.writeNumberField(EventFields.USER_ID, event.userId());
            json.writeStringField(EventFields.USER_SESSION, event.userSession());
            if (sentAtMillis != null) {
                json.writeNumberField(EventFields.SENT_AT_MS, sentAtMillis);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
        return out.toByteArray();
    }

    /** Validates a Kafka value by the contract's rules; never throws on bad input. */
    public static ParseResult decode(byte[] value) {
        JsonNode root;
        try {
            root = value == null ? null : MAPPER.readTree(value);
        } catch (IOException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        Optional<Instant> eventTime = text(root, EventFields.EVENT_TIME).flatMap(EventTimes::parse);
        if (eventTime.isEmpty()) {
            return ParseResult.rejected(RejectReason.BAD_EVENT_TIME, describe(root, EventFields.EVENT_TIME));
        }
        Optional<EventType> eventType = text(root, EventFields.EVENT_TYPE).flatMap(EventType::fromWireName);
        if (eventType.isEmpty()) {
            return ParseResult.rejected(RejectReason.BAD_EVENT_TYPE, describe(root, EventFields.EVENT_TYPE));
        }
        Long productId = integral(root.get(EventFields.PRODUCT_ID));
        if (productId == null) {
            return ParseResult.rejected(RejectReason.BAD_PRODUCT_ID, describe(root, EventFields.PRODUCT_ID));
        }
        JsonNode categoryNode = root.get(EventFields.CATEGORY_ID);
        Long categoryId = null;
        if (!isNull(categoryNode)) {
            categoryId = integral(categoryNode);
            if (categoryId == null) {
                return ParseResult.rejected(RejectReason.BAD_CATEGORY_ID, describe(root, EventFields.CATEGORY_ID));
            }
        }
        JsonNode priceNode = root.get(EventFields.PRICE);
        if (priceNode == null || !priceNode.isNumber()) {
            return ParseResult.rejected(RejectReason.BAD_PRICE, describe(root, EventFields.PRICE));
        }
        BigDecimal price = priceNode.decimalValue();
        if (price.signum() < 0) {
            return ParseResult.rejected(RejectReason.NEGATIVE_PRICE, price.toPlainString());
        }
        if (price.compareTo(EventValidator.MAX_PRICE) > 0) {
            return ParseResult.rejected(RejectReason.BAD_PRICE, "above " + EventValidator.MAX_PRICE.toPlainString());
        }
        Long userId = integral(root.get(EventFields.USER_ID));
        if (userId == null) {
            return ParseResult.rejected(RejectReason.BAD_USER_ID, describe(root, EventFields.USER_ID));
        }
        for (String field : new String[] {EventFields.CATEGORY_CODE, EventFields.BRAND, EventFields.USER_SESSION}) {
            JsonNode node = root.get(field);
            if (!isNull(node) && !node.isTextual()) {
                return ParseResult.rejected(RejectReason.BAD_TEXT_FIELD, describe(root, field));
            }
        }
        return new ParseResult.Valid(new ClickEvent(eventTime.get(), eventType.get(), productId, categoryId,
                textOrNull(root, EventFields.CATEGORY_CODE), textOrNull(root, EventFields.BRAND), price, userId,
                textOrNull(root, EventFields.USER_SESSION)));
    }

    private static void writeNullableNumber(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    private static boolean isNull(JsonNode node) {
        return node == null || node.isNull();
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    private static String textOrNull(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return isNull(node) ? null : node.textValue();
    }

    private static Long integral(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    private static String describe(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null) {
            return field + " missing";
        }
        String shown = node.toString();
        return field + "=" + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
