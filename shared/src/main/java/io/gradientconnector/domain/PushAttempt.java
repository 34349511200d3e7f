package io.gradientconnector.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One count push to Gradient as the audit trail keeps it: one logical call (the client's own retries of it included)
 * for one account and one Gradient service of a partner.
 *
 * @param partnerId        whose key signed the call
 * @param accountId        the vendor's account id sent
 * @param gradientServiceId the Gradient service (SKU) id in the route
 * @param at               when the call started
 * @param operation        {@code set} (absolute), {@code add} or {@code subtract} (delta mode)
 * @param count            the unit count (or change) sent
 * @param noBuild          whether {@code no_build=true} was sent
 * @param outcome          Gradient's answer, classified
 * @param status           the HTTP status of the final answer; 0 when none arrived
 * @param requestId        the correlation id the connector sent as {@code X-Correlation-Id} (Gradient's contract has no
 *                         request-id response header)
 */
public record PushAttempt(
        PartnerId partnerId,
        AccountId accountId,
        String gradientServiceId,
        Instant at,
        String operation,
        BigDecimal count,
        boolean noBuild,
        Outcome outcome,
        int status,
        String requestId) {

    /** Gradient's answer to a push, one value per meaning. */
    public enum Outcome {
        /** 2xx: Gradient holds the count. */
        APPLIED,
        /** 404: the account or service is not mapped (yet). */
        NOT_MAPPED,
        /** 401: the partner key was rejected. */
        UNAUTHORIZED,
        /** 403. */
        FORBIDDEN,
        /** 400 or another 4xx. */
        REJECTED,
        /** 429 after the client's retries. */
        RATE_LIMITED,
        /** 5xx after the client's retries. */
        SERVER_ERROR,
        /** No answer (connection failed, timed out, or the deadline came first). */
        NO_RESPONSE
    }

    public PushAttempt {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(gradientServiceId, "gradientServiceId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(requestId, "requestId");
        if (gradientServiceId.isBlank() || requestId.isBlank()) {
            throw new IllegalArgumentException("gradientServiceId and requestId must not be blank");
        }
        if (gradientServiceId.length() > 256 || requestId.length() > 128) {
            throw new IllegalArgumentException("gradientServiceId must be at most 256 and requestId 128 characters");
        }
        if (status < 0 || status > 599) {
            throw new IllegalArgumentException("status must be 0 (no answer) or an HTTP status");
        }
    }
}
