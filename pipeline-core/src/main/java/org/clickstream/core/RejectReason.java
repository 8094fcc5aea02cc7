package org.clickstream.core;

/**
 * Why a record was not accepted. {@link #code()} is the short machine word stored in
 * {@code ecommerce:rejects} (column {@code r:reason}) and in the producer's rejects file.
 */
public enum RejectReason {
    /** A CSV line that does not parse (e.g. an unclosed quote). */
    BAD_CSV("bad_csv"),
    /** A CSV row without exactly nine fields. */
    WRONG_FIELD_COUNT("wrong_field_count"),
    /** Not a JSON object at all (not JSON, an array, invalid UTF-8, ...). */
    MALFORMED_JSON("malformed_json"),
    BAD_EVENT_TIME("bad_event_time"),
    BAD_EVENT_TYPE("bad_event_type"),
    BAD_PRODUCT_ID("bad_product_id"),
    BAD_CATEGORY_ID("bad_category_id"),
    BAD_PRICE("bad_price"),
    NEGATIVE_PRICE("negative_price"),
    BAD_USER_ID("bad_user_id"),
    /** {@code category_code}, {@code brand} or {@code user_session} present but not a string. */
    BAD_TEXT_FIELD("bad_text_field");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
