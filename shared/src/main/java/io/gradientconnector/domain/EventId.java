package io.gradientconnector.domain;

/** The vendor's unique id of one webhook event; the de-duplication key. Limited like {@link AccountId} ({@link StorageLimits}). */
public record EventId(String value) implements Comparable<EventId> {
    public static final int MAX_LENGTH = StorageLimits.FREE_FORM_ID_CHARS;

    public EventId {
        Ids.requireText(value, "id", MAX_LENGTH);
    }

    public static EventId of(String value) {
        return new EventId(value);
    }

    @Override
    public int compareTo(EventId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
