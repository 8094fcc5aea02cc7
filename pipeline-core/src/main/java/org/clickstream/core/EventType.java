package org.clickstream.core;

import java.util.Optional;
import org.clickstream.core.hbase.Qualifiers;

/** The four things a shopper does; {@link #wireName()} is the value in CSV and JSON. */
public enum EventType {
    VIEW("view", Qualifiers.VIEWS),
    CART("cart", Qualifiers.CARTS),
    REMOVE_FROM_CART("remove_from_cart", Qualifiers.REMOVES),
    PURCHASE("purchase", Qualifiers.PURCHASES);

    private final String wireName;
    private final String counterQualifier;

    EventType(String wireName, String counterQualifier) {
        this.wireName = wireName;
        this.counterQualifier = counterQualifier;
    }

    public String wireName() {
        return wireName;
    }

    /** The HBase qualifier that counts events of this type ({@code views}, {@code carts}, ...). */
    public String counterQualifier() {
        return counterQualifier;
    }

    /** Exact, case-sensitive match: {@code "View"} is not an event type. */
    public static Optional<EventType> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (EventType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
