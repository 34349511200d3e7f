package io.gradientconnector.domain;

import java.util.Locale;

/**
 * Where one alert stands on its way to a PSA ticket (docs/GUARANTEES.md, "Alerts"). The connector's own progress,
 * not Gradient's processing state ({@code port.gradient.AlertState}), which it reads while an alert is
 * {@link #SENT}.
 */
public enum AlertStage {
    /** Recorded; no send has started (or the last one certainly did not reach Gradient). */
    QUEUED,
    /** A worker claimed it and may be sending it right now; whether Gradient got it is not known yet. */
    SENDING,
    /** Gradient queued it (its {@code messageId} is kept); its debug route is polled until it is a ticket or failed. */
    SENT,
    /** Gradient made a PSA ticket (its id is kept). Final. */
    TICKETED,
    /** Gradient or the PSA refused it (status and errors kept). Final. */
    FAILED,
    /** Never confirmed: the poll budget ran out, or a send's outcome is unknown and resending is off. Final. */
    UNCONFIRMED,
    /** Gradient answered 404 (account not mapped): waits for the next account sync, which queues it again. */
    UNMAPPED,
    /** The partner's key was rejected or the partner is disconnected: waits for a new key (its sync queues it). */
    WAITING_KEY,
    /** An earlier alert with the same dedup key for the same account was still open: not sent. Final. */
    REPEAT;

    /** True once nothing more will happen to the alert. */
    public boolean terminal() {
        return this == TICKETED || this == FAILED || this == UNCONFIRMED || this == REPEAT;
    }

    /** True while the alert waits for something outside the alert queue (an account sync, a new key). */
    public boolean waiting() {
        return this == UNMAPPED || this == WAITING_KEY;
    }

    /** The portal's status of the alert: {@code pending}, {@code sent}, {@code ticketed}, {@code failed}, ... */
    public String status() {
        return switch (this) {
            case QUEUED, SENDING, UNMAPPED, WAITING_KEY -> "pending";
            case SENT -> "sent";
            case TICKETED -> "ticketed";
            case FAILED -> "failed";
            case UNCONFIRMED -> "unconfirmed";
            case REPEAT -> "repeat";
        };
    }

    /** The stage's wire name, e.g. {@code waiting_key}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
