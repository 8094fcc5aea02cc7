package org.clickstream.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The Kafka value: one JSON object with the nine fields. {@code event_time} is the data set's
 * string, ids and price are JSON numbers, empty text is {@code null}; unknown fields are ignored.
 */
public final class EventJson {

    /** Kafka's default record limit: no valid event comes near it, and nothing larger is read. */
    private static final int MAX_STRING_LENGTH = 1 << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(100)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .build())
            .build();

    private EventJson() {}

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

    /**
     * Validates a Kafka value by the contract's rules; never throws on bad input.
     *
     * @param clock the validating clock (event times too far ahead of it are rejected)
     */
    public static ParseResult decode(byte[] value, EventRules rules, Instant clock) {
        if (value == null || value.length == 0) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "empty record");
        }
        // A streaming parse: a tree per record would cost the processor a third of its time.
        FieldValue[] fields = new FieldValue[EventFields.ALL.size()];
        Arrays.fill(fields, FieldValue.NULL);
        try (JsonParser json = FACTORY.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return ParseResult.rejected(RejectReason.MALFORMED_JSON, "not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                int index = EventFields.ALL.indexOf(json.currentName());
                JsonToken token = json.nextToken();
                if (index < 0) {
                    json.skipChildren();
                } else {
                    fields[index] = read(json, token);
                }
            }
            if (json.nextToken() != null) {
                return ParseResult.rejected(RejectReason.MALFORMED_JSON, "more after the object");
            }
        } catch (IOException | RuntimeException e) {
            // Jackson reports bad JSON as IOException, and a few limits as unchecked exceptions.
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, EventRules.shown(firstLine(e.getMessage())));
        }
        return rules.validate(fields, clock);
    }

    /** A field as the JSON has it: numbers keep their text (never parsed here: {@code 1e-999999999} is legal JSON). */
    private static FieldValue read(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> new FieldValue(FieldValue.Kind.STRING, json.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new FieldValue(FieldValue.Kind.NUMBER, json.getText());
            case VALUE_NULL -> FieldValue.NULL;
            case START_OBJECT, START_ARRAY -> {
                json.skipChildren();
                yield new FieldValue(FieldValue.Kind.OTHER, token == JsonToken.START_OBJECT ? "{...}" : "[...]");
            }
            default -> new FieldValue(FieldValue.Kind.OTHER, json.getText());
        };
    }

    private static void writeNullableNumber(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
