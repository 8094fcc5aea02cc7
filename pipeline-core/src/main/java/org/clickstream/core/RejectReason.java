package org.clickstream.core;

/**
 * Why a record was not accepted. {@link #code()} is the short machine word stored in
 * {@code ecommerce:rejects} (column {@code r:reason}) and in the producer's rejects file.
 */
public enum RejectReason {
    /** A CSV line that does not parse (e.g. an unclosed quote). */
    BAD_CSV("bad_csv"),
    /** A CSV line whose bytes are not valid UTF-8. */
    BAD_ENCODING("bad_encoding"),
    /** A CSV line longer than the reader accepts, or an event too large for a Kafka record. */
    RECORD_TOO_LARGE("record_too_large"),
    /** A CSV row without exactly nine fields. */
    WRONG_FIELD_COUNT("wrong_field_count"),
    /** Not a JSON object at all (not JSON, an array, invalid UTF-8, ...). */
    MALFORMED_JSON("malformed_json"),
    /** Not the data set's time format, not a calendar time, or before the earliest accepted time. */
    BAD_EVENT_TIME("bad_event_time"),
    /** Later than the validating clock plus the accepted tolerance (it would drag the watermark ahead). */
    FUTURE_EVENT_TIME("future_event_time"),
    BAD_EVENT_TYPE("bad_event_type"),
    BAD_PRODUCT_ID("bad_product_id"),
    BAD_CATEGORY_ID("bad_category_id"),
    BAD_PRICE("bad_price"),
    NEGATIVE_PRICE("negative_price"),
    BAD_USER_ID("bad_user_id"),
    /**
     * {@code category_code}, {@code brand} or {@code user_session} present but not a string, longer
     * than its limit, or holding a control character or an unpaired surrogate.
     */
    BAD_TEXT_FIELD("bad_text_field"),
    /** A valid-looking record that could not be turned into metrics (a defect's last line of defence). */
    UNPROCESSABLE("unprocessable");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
