package io.gradientconnector.domain;

/**
 * The vendor's id of one of a partner's customer accounts. Vendors choose these freely (tenant
 * domains, GUIDs, numbers), so only length, control characters and the stored size are restricted
 * ({@link StorageLimits}); storage keys percent-encode it.
 */
public record AccountId(String value) {
    public static final int MAX_LENGTH = StorageLimits.FREE_FORM_ID_CHARS;

    public AccountId {
        Ids.requireText(value, "accountId", MAX_LENGTH);
    }

    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
