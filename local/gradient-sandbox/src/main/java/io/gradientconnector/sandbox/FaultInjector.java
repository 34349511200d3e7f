package io.gradientconnector.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Random;

/** Decides which deliberate fault, if any, shapes the next Vendor API request. Not thread-safe: callers lock. */
final class FaultInjector {

    /** A fault to apply: either a ready answer ({@code reply}), or a delay before answering normally. */
    record Decision(String label, Reply reply, int delayMillis) {
    }

    private FaultPlan plan = FaultPlan.none();
    private final Deque<ScriptedFault> scripted = new ArrayDeque<>();
    private Random random = new Random(0);
    private Instant outageUntil;

    void apply(FaultPlan newPlan, Instant now) {
        plan = newPlan;
        scripted.clear();
        scripted.addAll(newPlan.next());
        random = new Random(newPlan.seed());
        outageUntil = newPlan.outageSeconds() > 0 ? now.plusSeconds(newPlan.outageSeconds()) : null;
    }

    void clear() {
        apply(FaultPlan.none(), Instant.EPOCH);
    }

    FaultPlan plan() {
        return plan;
    }

    int scriptedRemaining() {
        return scripted.size();
    }

    Instant outageUntil() {
        return outageUntil;
    }

    /** The fault for a request arriving at {@code now}, or null for a normal answer. */
    Decision decide(Instant now, int rateLimitPerSecond) {
        ScriptedFault next = scripted.pollFirst();
        if (next != null) {
            return switch (next.kind()) {
                case "429" -> new Decision("429", rateLimited(rateLimitPerSecond,
                        next.retryAfterSeconds() == null ? plan.retryAfterSeconds() : next.retryAfterSeconds()), 0);
                case "drop" -> new Decision("drop", Reply.dropConnection(), 0);
                case "403" -> new Decision("403", Reply.error(ApiError.of(403,
                        "Gradient has detected an anomaly in your API usage. Please contact support.")), 0);
                case "slow" -> new Decision("slow", null, next.millis() == null ? plan.slowMillis() : next.millis());
                default -> new Decision(next.kind(), serverError(Integer.parseInt(next.kind())), 0);
            };
        }
        if (outageUntil != null && now.isBefore(outageUntil)) {
            return plan.outageMode().equals("drop") ? new Decision("outage", Reply.dropConnection(), 0)
                    : new Decision("outage", serverError(503), 0);
        }
        // Always draw all four numbers so one request consumes the same randomness whatever the rates are.
        double drop = random.nextDouble();
        double tooMany = random.nextDouble();
        double error = random.nextDouble();
        double slow = random.nextDouble();
        if (drop < plan.dropRate()) {
            return new Decision("drop", Reply.dropConnection(), 0);
        }
        if (tooMany < plan.rate429()) {
            return new Decision("429", rateLimited(rateLimitPerSecond, plan.retryAfterSeconds()), 0);
        }
        if (error < plan.rate5xx()) {
            return new Decision(Integer.toString(plan.status5xx()), serverError(plan.status5xx()), 0);
        }
        if (slow < plan.slowRate()) {
            return new Decision("slow", null, plan.slowMillis());
        }
        return null;
    }

    static Reply rateLimited(int rateLimitPerSecond, int retryAfterSeconds) {
        String message = "Request limit reached (" + rateLimitPerSecond + " requests a second)";
        return Reply.error(retryAfterSeconds > 0
                ? ApiError.of(429, message, Map.of("Retry-After", Integer.toString(retryAfterSeconds)))
                : ApiError.of(429, message));
    }

    static Reply serverError(int status) {
        String message = status == 500 ? "Internal server error" : ApiError.reason(status);
        return Reply.error(ApiError.of(status, message));
    }
}
