package io.gradientconnector.bench.lifecycle;

import java.util.List;

/**
 * One webhook delivery as the vendor platform would send it. {@code number} is its place in the plan; a re-send
 * carries the events again (maybe fewer, maybe shuffled) under a new number and names the original in {@code resendOf}.
 */
record Delivery(int number, int resendOf, Kind kind, List<Event> events) {

    enum Kind {
        /** Ordinary events. */
        NORMAL,
        /** Holds an id that is within 256 characters but long once encoded (multi-byte): must never be a 5xx. */
        LONG_ID,
        /** Holds an account name with a control character: must be a 400 naming the field. */
        CONTROL_CHAR
    }

    /**
     * One event. {@code partner} is the simulated partner's index; {@code occurredAt} is minutes after the plan's
     * base time; {@code quantity} is a whole number (usage events) and {@code accountName} is for account.upserted.
     */
    record Event(String id, String type, int partner, int occurredAt, String accountId, String service, long quantity,
                 String accountName) {
        boolean usage() {
            return type.startsWith("usage.");
        }
    }

    boolean isResend() {
        return resendOf >= 0;
    }
}
