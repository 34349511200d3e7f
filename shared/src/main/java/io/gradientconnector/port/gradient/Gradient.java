package io.gradientconnector.port.gradient;

import io.gradientconnector.domain.PartnerId;

import java.time.Instant;

/**
 * Gradient's vendor API as the use cases ask for it: the calls of one partner, bounded by a deadline.
 * Production wires the HTTP client; use-case tests an in-memory Gradient. Implementations are thread-safe.
 */
public interface Gradient {

    /**
     * The calls of one partner, signed with this vendor and partner key pair. No call, retry or wait of the
     * session runs past {@code deadline} (e.g. a Lambda's remaining time).
     */
    PartnerSession session(GradientCredentials credentials, Instant deadline);

    /**
     * The same, for a known partner (the key fence opens its sessions this way), so a decorator can attribute the
     * calls, e.g. the push audit trail.
     */
    default PartnerSession session(PartnerId partnerId, GradientCredentials credentials, Instant deadline) {
        return session(credentials, deadline);
    }

    /**
     * How many accounts one bulk create carries. A {@link ConflictException} from
     * {@link PartnerSession#createAccounts} names a chunk of this many accounts (the last one may be shorter).
     */
    int accountChunkSize();
}
