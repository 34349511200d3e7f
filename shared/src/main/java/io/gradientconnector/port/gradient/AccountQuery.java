package io.gradientconnector.port.gradient;

import java.util.Collection;
import java.util.List;

/**
 * Filter for listing accounts: {@code accountIds} (empty = all; sent as repeated {@code accountIds}
 * parameters) and {@code returnUnmapped} (null = Gradient's default, which returns unmapped ones too).
 */
public record AccountQuery(List<String> accountIds, Boolean returnUnmapped) {
    public AccountQuery {
        accountIds = Checks.ids(accountIds, "accountIds");
    }

    public static AccountQuery all() {
        return new AccountQuery(List.of(), null);
    }

    public static AccountQuery ids(Collection<String> accountIds) {
        return new AccountQuery(List.copyOf(accountIds), null);
    }

    public AccountQuery withReturnUnmapped(boolean value) {
        return new AccountQuery(accountIds, value);
    }
}
