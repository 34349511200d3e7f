package io.gradientconnector.domain;

import io.gradientconnector.domain.LedgerState.Position;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A partner's customer account as the connector knows it: the vendor's side (from account events;
 * {@code name} is empty for an account known only from usage or a deletion) and Gradient's side
 * (created there, the name and description last sent, mapped by the MSP).
 *
 * @param lastVendorEvent position of the newest account event applied (its time is
 *                        {@code vendorUpdatedAt}); older events change nothing
 * @param lastDeletion    position of the newest {@code account.deleted}, kept even after a later
 *                        upsert: a ledger row created later starts as a set-0 there
 */
public record AccountRecord(
        PartnerId partnerId,
        AccountId accountId,
        Optional<String> name,
        Optional<String> description,
        boolean deleted,
        Optional<Position> lastVendorEvent,
        Optional<Position> lastDeletion,
        GradientAccountState gradientState,
        Optional<String> gradientName,
        Optional<String> gradientDescription,
        boolean mapped,
        long version) {

    public AccountRecord {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(lastVendorEvent, "lastVendorEvent");
        Objects.requireNonNull(lastDeletion, "lastDeletion");
        Objects.requireNonNull(gradientState, "gradientState");
        Objects.requireNonNull(gradientName, "gradientName");
        Objects.requireNonNull(gradientDescription, "gradientDescription");
    }

    static AccountRecord unknown(PartnerId partnerId, AccountId accountId) {
        return new AccountRecord(partnerId, accountId, Optional.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty(), GradientAccountState.NONE, Optional.empty(), Optional.empty(), false, 0);
    }

    /** When the vendor last changed this account (occurredAt of the newest applied account event). */
    public Optional<Instant> vendorUpdatedAt() {
        return lastVendorEvent.map(Position::at);
    }

    /** True when the vendor has told us the account's name (an upsert arrived). */
    public boolean hasVendorDetails() {
        return name.isPresent();
    }

    /** True when the name or description Gradient holds differs from the vendor's. */
    public boolean gradientDetailsStale() {
        return gradientState == GradientAccountState.CREATED
                && (!gradientName.equals(name) || !gradientDescription.equals(description));
    }

    public AccountRecord withGradient(GradientAccountState state, Optional<String> sentName,
                               Optional<String> sentDescription, boolean isMapped) {
        return new AccountRecord(partnerId, accountId, name, description, deleted, lastVendorEvent, lastDeletion,
                state, sentName, sentDescription, isMapped, version);
    }
}
