package io.gradientconnector.app.partner;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.SyncQueue;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;

import java.util.Objects;

/**
 * Use case: the portal asks for an account sync now. Only a connected partner whose key Gradient accepts can be
 * synced. A {@link io.gradientconnector.port.QueueException} from the queue propagates (nothing was queued).
 * Thread-safe.
 */
public final class RequestSync {
    private final PartnerStore partners;
    private final SyncQueue syncQueue;

    RequestSync(PartnerStore partners, SyncQueue syncQueue) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.syncQueue = Objects.requireNonNull(syncQueue, "syncQueue");
    }

    /**
     * @throws PartnerFailure.NotConnected unknown or disconnected
     * @throws PartnerFailure.NeedsKey     Gradient rejected the stored key
     */
    public void request(PartnerId partnerId) {
        PartnerRecord partner = partners.get(Objects.requireNonNull(partnerId, "partnerId"))
                .filter(p -> p.status() != PartnerStatus.DISCONNECTED)
                .orElseThrow(() -> new PartnerFailure.NotConnected(partnerId));
        if (partner.status() == PartnerStatus.NEEDS_KEY) {
            throw new PartnerFailure.NeedsKey(partnerId);
        }
        syncQueue.enqueue(new SyncRequest(partnerId, SyncReason.MANUAL));
    }
}
