package io.gradientconnector.port;

import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.SaveResult;

import io.gradientconnector.domain.PartnerId;

import java.time.Instant;
import java.util.Optional;

/** Partner integrations. Implementations are thread-safe. */
public interface PartnerStore {

    Optional<PartnerRecord> get(PartnerId partnerId);

    /** Every partner, by id, a page at a time (the schedule's fan-out). */
    Page<PartnerRecord> list(Optional<String> cursor, int limit);

    /**
     * The partners in one local status, by id, a page at a time (the portal's filtered list; an index, never a scan).
     *
     * @throws IllegalArgumentException the cursor is not one this listing returned, or the limit is out of range
     */
    Page<PartnerRecord> listByStatus(PartnerStatus status, Optional<String> cursor, int limit);

    /**
     * Creates or updates the partner's integration fields, if the stored version still equals
     * {@code partner.version()} (0 = must not exist yet). A concurrent writer that got there first
     * makes this a {@link SaveResult.Conflict}, never an exception.
     */
    SaveResult save(PartnerRecord partner);

    /**
     * Gradient rejected the key with this fingerprint: status becomes NEEDS_KEY, unless the key was
     * replaced meanwhile or the partner disconnected. Returns whether it changed.
     */
    boolean markNeedsKey(PartnerId partnerId, String keyFingerprint, String error, Instant at);

    /**
     * Gradient made the integration {@code active} (it does so on the first accepted count): status PENDING becomes
     * ACTIVE and {@code gradientStatus} {@code active}, only while the partner is PENDING with the key of this
     * fingerprint (a key replaced or a disconnection meanwhile wins). Moves the version. Returns whether it changed.
     */
    boolean markActive(PartnerId partnerId, String keyFingerprint, Instant at);

    /** Status becomes DISCONNECTED and the key fingerprint is forgotten. Returns false when unknown. */
    boolean markDisconnected(PartnerId partnerId, Instant at);

    /** Records an account sync: its time and its error (empty clears the last error). */
    boolean recordSync(PartnerId partnerId, Instant at, Optional<String> error);

    /** Records a push: its time and its error (empty clears the last error). */
    boolean recordPush(PartnerId partnerId, Instant at, Optional<String> error);

    /** Errors are stored truncated to this many characters. */
    int MAX_ERROR_LENGTH = 500;

    static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
