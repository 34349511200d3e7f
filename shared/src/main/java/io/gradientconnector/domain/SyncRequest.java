package io.gradientconnector.domain;


import java.util.Objects;

/** Sync queue message: sync this partner's accounts (and retry its pending pushes). */
public record SyncRequest(PartnerId partnerId, SyncReason reason) {
    public SyncRequest {
        Objects.requireNonNull(partnerId, "partnerId is required");
        Objects.requireNonNull(reason, "reason is required");
    }
}
