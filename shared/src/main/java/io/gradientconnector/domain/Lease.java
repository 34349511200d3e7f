package io.gradientconnector.domain;

import java.time.Instant;
import java.util.Objects;

/** A worker's exclusive hold on a ledger row until {@code until} (delta mode). */
public record Lease(String owner, Instant until) {
    public Lease {
        if (owner == null || owner.isBlank() || owner.length() > 200) {
            throw new IllegalArgumentException("lease owner must be 1 to 200 characters");
        }
        Objects.requireNonNull(until, "until is required");
    }
}
