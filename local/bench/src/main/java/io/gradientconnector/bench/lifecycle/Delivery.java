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
        CONTROL_CHAR,
        /** 100 events sent through the slow table: answered within 29 s, and recorded entirely (202) or not (503). */
        SLOW_TABLE,
        /** Part of a {@link Op.Burst}: adds beyond what a row keeps one by one, and late events older than all of them. */
        BURST,
        /** A late set inside a row's folded deltas: the case docs/GUARANTEES.md item 9 still calls approximate. */
        FOLD_INSIDE
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
