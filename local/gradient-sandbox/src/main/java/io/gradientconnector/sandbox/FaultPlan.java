package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Objects;

/**
 * Deliberate misbehaviour of the Vendor API (control routes are never affected). Per request, in this order:
 * the next scripted fault (if any) is consumed; else during an outage window every request fails; else random
 * faults are drawn from a generator seeded with {@code seed}, so a given request order always gives the same faults.
 *
 * @param rate429           probability of a 429 (with {@code Retry-After: retryAfterSeconds} unless 0)
 * @param retryAfterSeconds Retry-After for injected 429s; 0 sends no header
 * @param rate5xx           probability of a {@code status5xx} answer
 * @param status5xx         status used for random 5xx faults (500..599)
 * @param slowRate          probability of a delay of {@code slowMillis} before a normal answer
 * @param slowMillis        delay for slow faults
 * @param dropRate          probability of closing the connection without any response
 * @param outageSeconds     when &gt; 0, an outage starts when the plan is posted and lasts this long (sandbox clock)
 * @param outageMode        "503" (answer 503) or "drop" (close connections) during the outage
 * @param seed              seed of the random generator for the rates above
 * @param next              scripted faults for the next requests, in order
 */
public record FaultPlan(double rate429, int retryAfterSeconds, double rate5xx, int status5xx, double slowRate,
                        int slowMillis, double dropRate, int outageSeconds, String outageMode, long seed,
                        List<ScriptedFault> next) {

    public FaultPlan {
        requireRate("rate429", rate429);
        requireRate("rate5xx", rate5xx);
        requireRate("slowRate", slowRate);
        requireRate("dropRate", dropRate);
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        if (status5xx < 500 || status5xx > 599) {
            throw new IllegalArgumentException("status5xx must be between 500 and 599");
        }
        if (slowMillis < 0) {
            throw new IllegalArgumentException("slowMillis must not be negative");
        }
        if (outageSeconds < 0) {
            throw new IllegalArgumentException("outageSeconds must not be negative");
        }
        Objects.requireNonNull(outageMode, "outageMode");
        if (!outageMode.equals("503") && !outageMode.equals("drop")) {
            throw new IllegalArgumentException("outageMode must be 503 or drop");
        }
        next = next == null ? List.of() : List.copyOf(next);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
    }

    /** No faults at all. */
    public static FaultPlan none() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    JsonNode toJson() {
        var node = Json.object().put("rate429", rate429).put("retryAfterSeconds", retryAfterSeconds)
                .put("rate5xx", rate5xx).put("status5xx", status5xx).put("slowRate", slowRate)
                .put("slowMillis", slowMillis).put("dropRate", dropRate).put("outageSeconds", outageSeconds)
                .put("outageMode", outageMode).put("seed", seed);
        ArrayNode array = node.putArray("next");
        next.forEach(fault -> array.add(fault.toJson()));
        return node;
    }

    /** Mutable builder; not thread-safe. Defaults: no faults, Retry-After 1, 5xx status 500, outage mode 503. */
    public static final class Builder {
        private double rate429;
        private int retryAfterSeconds = 1;
        private double rate5xx;
        private int status5xx = 500;
        private double slowRate;
        private int slowMillis;
        private double dropRate;
        private int outageSeconds;
        private String outageMode = "503";
        private long seed;
        private List<ScriptedFault> next = List.of();

        private Builder() {
        }

        public Builder rate429(double value) {
            rate429 = value;
            return this;
        }

        public Builder retryAfterSeconds(int value) {
            retryAfterSeconds = value;
            return this;
        }

        public Builder rate5xx(double value) {
            rate5xx = value;
            return this;
        }

        public Builder status5xx(int value) {
            status5xx = value;
            return this;
        }

        public Builder slowRate(double value) {
            slowRate = value;
            return this;
        }

        public Builder slowMillis(int value) {
            slowMillis = value;
            return this;
        }

        public Builder dropRate(double value) {
            dropRate = value;
            return this;
        }

        public Builder outageSeconds(int value) {
            outageSeconds = value;
            return this;
        }

        public Builder outageMode(String value) {
            outageMode = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder next(List<ScriptedFault> value) {
            next = value;
            return this;
        }

        public Builder next(ScriptedFault... value) {
            next = List.of(value);
            return this;
        }

        public FaultPlan build() {
            return new FaultPlan(rate429, retryAfterSeconds, rate5xx, status5xx, slowRate, slowMillis, dropRate,
                    outageSeconds, outageMode, seed, next);
        }
    }
}
