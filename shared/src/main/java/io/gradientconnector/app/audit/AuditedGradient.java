package io.gradientconnector.app.audit;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.MetricUnit;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.PushAuditLog;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.PartnerSession;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link Gradient} whose partner sessions (the ones the key fence opens, {@link #session(PartnerId,
 * GradientCredentials, Instant)}) keep every count push in the {@link PushAuditLog}: the push path is unchanged, one
 * write follows each push. A failed audit write is logged and counted ({@link #AUDIT_WRITE_FAILURES}), never thrown:
 * it can neither fail nor repeat a push. Sessions opened without a partner id (the portal's key verification) make no
 * count pushes and are not wrapped.
 *
 * <p>Thread-safe; the sessions it returns serve one caller at a time, as every session of a use case does.
 */
public final class AuditedGradient implements Gradient {
    /** Push attempts the audit trail could not keep (the push itself was unaffected). */
    public static final Metric AUDIT_WRITE_FAILURES = Metric.of("pushAuditWriteFailures", MetricUnit.COUNT);

    private final Gradient gradient;
    private final PushAuditLog audit;
    private final Clock clock;
    private final JsonLog log;
    private final Metrics metrics;
    private final Supplier<String> ids;

    public AuditedGradient(Gradient gradient, PushAuditLog audit, Clock clock, JsonLog log, Metrics metrics) {
        this(gradient, audit, clock, log, metrics, new RequestIds(clock));
    }

    /** {@code ids} makes the correlation ids (tests pass a predictable sequence). */
    public AuditedGradient(Gradient gradient, PushAuditLog audit, Clock clock, JsonLog log, Metrics metrics,
                           Supplier<String> ids) {
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public PartnerSession session(GradientCredentials credentials, Instant deadline) {
        return gradient.session(credentials, deadline);
    }

    @Override
    public PartnerSession session(PartnerId partnerId, GradientCredentials credentials, Instant deadline) {
        return new AuditedSession(partnerId, gradient.session(partnerId, credentials, deadline), this);
    }

    @Override
    public int accountChunkSize() {
        return gradient.accountChunkSize();
    }

    /**
     * Request ids that sort by creation within a process: the time in milliseconds (12 hex digits), a counter (8),
     * then 16 random hex digits so ids of different containers never collide. The audit trail orders attempts of the
     * same millisecond by this id, so one container's attempts keep their order even under a coarse clock.
     */
    static final class RequestIds implements Supplier<String> {
        private final Clock clock;
        private final AtomicLong counter = new AtomicLong();

        RequestIds(Clock clock) {
            this.clock = clock;
        }

        @Override
        public String get() {
            long random = ThreadLocalRandom.current().nextLong();
            return String.format("%012x-%08x-%016x", clock.millis(), counter.incrementAndGet() & 0xffffffffL, random);
        }
    }

    String nextId() {
        return ids.get();
    }

    Instant now() {
        return clock.instant();
    }

    /** Keeps one attempt; never throws. */
    void keep(PushAttempt attempt) {
        try {
            audit.record(attempt);
        } catch (RuntimeException failed) {
            metrics.count(AUDIT_WRITE_FAILURES);
            log.with("partnerId", attempt.partnerId().value()).with("pushRequestId", attempt.requestId())
                    .with("outcome", attempt.outcome().name())
                    .warn("push attempt not kept in the audit trail (the push itself is unaffected)", failed);
        }
    }
}
