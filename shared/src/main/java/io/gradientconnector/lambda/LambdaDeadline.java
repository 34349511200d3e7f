package io.gradientconnector.lambda;

import com.amazonaws.services.lambda.runtime.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When an invocation's work must stop: {@code now + remaining time − }{@link #MARGIN}, never before now.
 *
 * <p>The margin is one fixed {@value #MARGIN_SECONDS} s for every function, because what follows the deadline is the
 * same small amount of work everywhere: record an outcome (a DynamoDB write or two, with one SDK retry), flush the
 * metrics and return the answer. It does not grow with the function's timeout; a proportional margin would waste
 * minutes of the sync worker's 300 s while leaving too little for a 30 s API function.
 *
 * <p>The remaining time is the smaller of the Lambda context's and {@code limit}: the function's own timeout for
 * queue and schedule targets (used alone when there is no context, as in a local invoke), or API Gateway's 29 s
 * integration timeout for API functions, which the caller stops waiting at even when Lambda would run longer. A
 * context reporting no time left (some local contexts do) counts as no context.
 */
public final class LambdaDeadline {
    static final long MARGIN_SECONDS = 5;
    /** Kept back from the remaining time so the outcome is recorded and the answer still goes out. */
    public static final Duration MARGIN = Duration.ofSeconds(MARGIN_SECONDS);
    /** API Gateway's integration timeout: past it the caller has a 504, whatever Lambda still allows. */
    public static final Duration API_GATEWAY_LIMIT = Duration.ofSeconds(29);

    private LambdaDeadline() {
    }

    /**
     * @param context the invocation's context, or {@code null} (local tools)
     * @param limit   the most time the invocation can have (see the class comment)
     */
    public static Instant of(Context context, Clock clock, Duration limit) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limit, "limit");
        Duration remaining = limit;
        if (context != null && context.getRemainingTimeInMillis() > 0) {
            Duration fromContext = Duration.ofMillis(context.getRemainingTimeInMillis());
            remaining = fromContext.compareTo(limit) < 0 ? fromContext : limit;
        }
        Duration usable = remaining.minus(MARGIN);
        return clock.instant().plus(usable.isNegative() ? Duration.ZERO : usable);
    }
}
