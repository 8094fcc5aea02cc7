package org.clickstream.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
        if (value == null || value.length == 0) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, "empty record");
        }
        // A streaming parse: a tree per record would cost the processor a third of its time.
        Field[] fields = new Field[EventFields.ALL.size()];
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
                    fields[index] = Field.read(json, token);
                }
            }
            if (json.nextToken() != null) {
                return ParseResult.rejected(RejectReason.MALFORMED_JSON, "more after the object");
            }
        } catch (IOException e) {
            return ParseResult.rejected(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        return validate(fields);
    }

    private static ParseResult validate(Field[] fields) {
        Field time = fields[0];
        Optional<Instant> eventTime = time != null && time.isText() ? EventTimes.parse(time.text) : Optional.empty();
        if (eventTime.isEmpty()) {
            return ParseResult.rejected(RejectReason.BAD_EVENT_TIME, describe(fields, 0));
        }
        Field type = fields[1];
        Optional<EventType> eventType = type != null && type.isText() ? EventType.fromWireName(type.text) : Optional.empty();
        if (eventType.isEmpty()) {
            return ParseResult.rejected(RejectReason.BAD_EVENT_TYPE, describe(fields, 1));
        }
        if (fields[2] == null || !fields[2].isLong()) {
            return ParseResult.rejected(RejectReason.BAD_PRODUCT_ID, describe(fields, 2));
        }
        Long categoryId = null;
        if (!Field.isNull(fields[3])) {
            if (!fields[3].isLong()) {
                return ParseResult.rejected(RejectReason.BAD_CATEGORY_ID, describe(fields, 3));
            }
            categoryId = fields[3].longValue;
        }
        Field priceField = fields[6];
        if (priceField == null || priceField.decimal == null) {
            return ParseResult.rejected(RejectReason.BAD_PRICE, describe(fields, 6));
        }
        BigDecimal price = priceField.decimal;
        if (price.signum() < 0) {
            return ParseResult.rejected(RejectReason.NEGATIVE_PRICE, price.toPlainString());
        }
        if (price.compareTo(EventValidator.MAX_PRICE) > 0) {
            return ParseResult.rejected(RejectReason.BAD_PRICE, "above " + EventValidator.MAX_PRICE.toPlainString());
        }
        if (fields[7] == null || !fields[7].isLong()) {
            return ParseResult.rejected(RejectReason.BAD_USER_ID, describe(fields, 7));
        }
        for (int text : new int[] {4, 5, 8}) {
            if (!Field.isNull(fields[text]) && !fields[text].isText()) {
                return ParseResult.rejected(RejectReason.BAD_TEXT_FIELD, describe(fields, text));
            }
        }
        return new ParseResult.Valid(new ClickEvent(eventTime.get(), eventType.get(), fields[2].longValue, categoryId,
                Field.textOrNull(fields[4]), Field.textOrNull(fields[5]), price, fields[7].longValue,
                Field.textOrNull(fields[8])));
    }

    /** One of the nine fields as found in the JSON: its token, and its value when it is a scalar. */
    private static final class Field {
        final JsonToken token;
        final String text;
        final BigDecimal decimal;
        final long longValue;
        final boolean fitsLong;

        private Field(JsonToken token, String text, BigDecimal decimal, long longValue, boolean fitsLong) {
            this.token = token;
            this.text = text;
            this.decimal = decimal;
            this.longValue = longValue;
            this.fitsLong = fitsLong;
        }

        static Field read(JsonParser json, JsonToken token) throws IOException {
            switch (token) {
                case VALUE_NUMBER_INT: {
                    boolean fits = json.getNumberType() == JsonParser.NumberType.INT
                            || json.getNumberType() == JsonParser.NumberType.LONG;
                    return new Field(token, json.getText(), json.getDecimalValue(), fits ? json.getLongValue() : 0, fits);
                }
                case VALUE_NUMBER_FLOAT:
                    // The exact decimal: a double would turn 0.145 into 0.14499999...
                    return new Field(token, json.getText(), json.getDecimalValue(), 0, false);
                case START_OBJECT:
                case START_ARRAY:
                    json.skipChildren();
                    return new Field(token, token == JsonToken.START_OBJECT ? "{...}" : "[...]", null, 0, false);
                default:
                    return new Field(token, json.getText(), null, 0, false);
            }
        }

        boolean isText() {
            return token == JsonToken.VALUE_STRING;
        }

        boolean isLong() {
            return token == JsonToken.VALUE_NUMBER_INT && fitsLong;
        }

        static boolean isNull(Field field) {
            return field == null || field.token == JsonToken.VALUE_NULL;
        }

        static String textOrNull(Field field) {
            return isNull(field) ? null : field.text;
        }
    }

    private static String describe(Field[] fields, int index) {
        String name = EventFields.ALL.get(index);
        Field field = fields[index];
        if (field == null) {
            return name + " missing";
        }
        String shown = field.isText() ? '"' + field.text + '"' : field.text;
        return name + "=" + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown);
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
