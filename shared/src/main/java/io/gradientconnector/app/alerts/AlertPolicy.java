package io.gradientconnector.app.alerts;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of alert dispatch and confirmation (environment variables in docs/ARCHITECTURE.md).
 *
 * @param firstPoll       wait after a send before the first debug-route read ({@code ALERT_POLL_INITIAL_SECONDS})
 * @param maxPollDelay    cap on the growing wait between reads ({@code ALERT_POLL_MAX_DELAY_SECONDS}, at most 900)
 * @param confirmWithin   after this long since the send without {@code success}/{@code failed}, the alert is
 *                        UNCONFIRMED ({@code ALERT_CONFIRM_MAX_WAIT_SECONDS})
 * @param dedupWindow     a ticketed alert keeps its dedup key open this long ({@code ALERT_DEDUP_WINDOW_SECONDS})
 * @param unknownOutcome  what a send whose outcome is unknown leads to ({@code ALERT_UNKNOWN_OUTCOME})
 * @param firstSendRetry  wait before sending again after a 429/5xx or a connection that was never made; doubles
 * @param maxSendAttempts sends started before the alert is FAILED ({@code ALERT_MAX_SEND_ATTEMPTS})
 * @param sendingLease    how long a claimed send may be in flight; past it the worker must have stopped (longer than
 *                        the worker's timeout)
 */
public record AlertPolicy(Duration firstPoll, Duration maxPollDelay, Duration confirmWithin, Duration dedupWindow,
                          UnknownOutcome unknownOutcome, Duration firstSendRetry, int maxSendAttempts,
                          Duration sendingLease) {

    /** SQS's longest delay: no wait between two looks is longer. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    /**
     * What happens when a send may or may not have reached Gradient (a timeout or a dropped connection after the
     * request left, or a worker that stopped mid-send).
     */
    public enum UnknownOutcome {
        /**
         * The default: mark the alert UNCONFIRMED and never send it again. No second ticket is possible, at the price
         * of an alert that may or may not be a ticket (counted in {@code alertsOutcomeUnknown}).
         */
        UNCONFIRMED,
        /**
         * Send it again with the same {@code alertId}. Safe only if Gradient de-duplicates alerts by {@code alertId},
         * which is UNCONFIRMED: otherwise it may open a second ticket.
         */
        RESEND
    }

    public AlertPolicy {
        Objects.requireNonNull(firstPoll, "firstPoll");
        Objects.requireNonNull(maxPollDelay, "maxPollDelay");
        Objects.requireNonNull(confirmWithin, "confirmWithin");
        Objects.requireNonNull(dedupWindow, "dedupWindow");
        Objects.requireNonNull(unknownOutcome, "unknownOutcome");
        Objects.requireNonNull(firstSendRetry, "firstSendRetry");
        Objects.requireNonNull(sendingLease, "sendingLease");
        if (maxSendAttempts < 1) {
            throw new IllegalArgumentException("maxSendAttempts must be at least 1");
        }
    }

    /** Poll after 5 s, then doubling to 5 min, for 1 h; dedup window 1 h; UNCONFIRMED on unknown; 20 sends. */
    public static AlertPolicy defaults() {
        return new AlertPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(1),
                UnknownOutcome.UNCONFIRMED, Duration.ofSeconds(10), 20, Duration.ofMinutes(3));
    }

    /** The wait before the read after {@code polls} reads: {@code firstPoll * 2^polls}, capped. */
    Duration pollDelay(int polls) {
        return doubled(firstPoll, polls, maxPollDelay);
    }

    /** The wait before the next send after {@code attempts} sends: {@code firstSendRetry * 2^(attempts-1)}, capped. */
    Duration sendDelay(int attempts) {
        return doubled(firstSendRetry, Math.max(0, attempts - 1), MAX_DELAY);
    }

    private static Duration doubled(Duration base, int times, Duration cap) {
        Duration limit = cap.compareTo(MAX_DELAY) < 0 ? cap : MAX_DELAY;
        Duration delay = base;
        for (int i = 0; i < times && delay.compareTo(limit) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(limit) < 0 ? delay : limit;
    }
}
