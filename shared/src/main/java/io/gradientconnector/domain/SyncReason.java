package io.gradientconnector.domain;

import java.util.Arrays;

/** Why an account sync was queued; the wire value appears in the message. */
public enum SyncReason {
    SCHEDULE("schedule"), KEY_SUBMITTED("key-submitted"), MANUAL("manual");

    private final String wire;

    SyncReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static SyncReason fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("reason must be schedule, key-submitted or manual"));
    }
}
