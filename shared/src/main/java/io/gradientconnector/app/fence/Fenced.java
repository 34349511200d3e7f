package io.gradientconnector.app.fence;

import io.gradientconnector.domain.PartnerId;

/**
 * A {@link FencedSession} refused to start a Gradient call: the partner record read right before it no longer allows
 * one. Nothing was sent. Not a Gradient failure: callers leave their work pending (a disconnected partner's work is
 * moot; a key that cannot be read yet is retried later).
 */
public final class Fenced extends RuntimeException {

    /** Why no call was started. */
    public enum Reason {
        /** The partner is unknown or DISCONNECTED (or has no current key): no call may be made for it. */
        DISCONNECTED,
        /** The record names a key the vault does not return (yet): retry later, never use another key instead. */
        KEY_NOT_READABLE
    }

    private final Reason reason;

    Fenced(PartnerId partnerId, Reason reason) {
        super(switch (reason) {
            case DISCONNECTED -> "partner " + partnerId.value() + " is disconnected; no Gradient call was made";
            case KEY_NOT_READABLE -> "the key the record of partner " + partnerId.value()
                    + " names could not be read yet; no Gradient call was made";
        }, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
