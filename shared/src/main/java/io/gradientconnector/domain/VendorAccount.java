package io.gradientconnector.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * The vendor's view of one customer account, as sent in {@code account.upserted}. Neither text may hold a control
 * character (Unicode Cc) or an unpaired surrogate; a description may break lines (tab, CR, LF). Format characters
 * (Cf, e.g. the zero-width joiner inside emoji) are text and accepted. Both stay far below DynamoDB's item limit.
 */
public record VendorAccount(AccountId id, String name, String description) {
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_DESCRIPTION_LENGTH = 1024;
    private static final String LINE_BREAKS = "\t\r\n";

    /** {@code description} may be null (absent); a blank one is treated as absent. */
    public VendorAccount {
        Objects.requireNonNull(id, "account.id is required");
        name = requireName(name);
        description = requireDescription(description);
    }

    /** The name as stored (stripped), or an exception whose message starts with {@code account.name}. */
    public static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("account.name is required");
        }
        String stripped = Ids.requireUnicode(Ids.requireNoControl(name.strip(), "account.name", ""), "account.name");
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("account.name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return stripped;
    }

    /** The description as stored (stripped; null when absent or blank), or an exception naming it. */
    public static String requireDescription(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String stripped = Ids.requireUnicode(
                Ids.requireNoControl(description.strip(), "account.description", LINE_BREAKS), "account.description");
        if (stripped.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("account.description must be at most " + MAX_DESCRIPTION_LENGTH
                    + " characters");
        }
        return stripped;
    }

    public Optional<String> optionalDescription() {
        return Optional.ofNullable(description);
    }
}
