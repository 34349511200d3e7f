package io.gradientconnector.accountsync;

import com.amazonaws.services.lambda.runtime.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** When work must stop: the Lambda's remaining time minus a margin to record results and answer. */
final class LambdaDeadline {
    private LambdaDeadline() {
    }

    /**
     * @param fallback the remaining time assumed without a context (a local invoke that passes none)
     */
    static Instant of(Context context, Clock clock, Duration margin, Duration fallback) {
        Duration remaining = context == null ? fallback : Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration usable = remaining.minus(margin);
        return clock.instant().plus(usable.isNegative() ? Duration.ZERO : usable);
    }
}
