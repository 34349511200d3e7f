package io.gradientconnector.domain;

import java.util.Objects;
import java.util.Optional;

/** The vendor's view of one customer account, as sent in {@code account.upserted}. */
public record VendorAccount(AccountId id, String name, String description) {
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_DESCRIPTION_LENGTH = 1024;

    /** {@code description} may be null (absent); a blank one is treated as absent. */
    public VendorAccount {
        Objects.requireNonNull(id, "account.id is required");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("account.name is required");
        }
        name = Ids.requireUnicode(name.strip(), "account.name");
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("account.name must be at most 256 characters");
        }
        if (description != null) {
            description = description.isBlank() ? null : Ids.requireUnicode(description.strip(), "account.description");
            if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
                throw new IllegalArgumentException("account.description must be at most 1024 characters");
            }
        }
    }

    public Optional<String> optionalDescription() {
        return Optional.ofNullable(description);
    }
}
