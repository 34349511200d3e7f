package io.gradientconnector.domain;

/** Where a ledger row stands with Gradient. */
public enum PushState {
    /** Changed and not pushed yet. */
    PENDING,
    /** Gradient holds {@code pushedCount} for {@code pushedVersion}. */
    PUSHED,
    /** Gradient answered 404: the partner has not mapped the account or service; retried by the next sync. */
    UNMAPPED,
    /** The last push failed; SQS redelivery or the next sync retries it. */
    FAILED
}
