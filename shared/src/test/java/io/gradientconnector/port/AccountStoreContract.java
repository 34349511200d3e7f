package io.gradientconnector.port;

import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.domain.RecordResult;

import io.gradientconnector.domain.AccountId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.gradientconnector.testing.TestEvents.add;
import static io.gradientconnector.testing.TestEvents.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link AccountStore}, run against the fake and DynamoDB. */
public abstract class AccountStoreContract extends StoreContractSupport {

    private AccountRecord account(String id) {
        return stores.accounts().get(partner, AccountId.of(id)).orElseThrow();
    }

    @Test
    void get_shouldReturnEmpty_whenAccountUnknown() {
        assertTrue(stores.accounts().get(partner, AccountId.of("nobody")).isEmpty());
    }

    @Test
    void list_shouldPageThroughEveryAccount_includingOddIds() {
        List<String> ids = List.of("b", "a", "a#b", "ä-unicode", "c/d", "a b");
        for (int i = 0; i < ids.size(); i++) {
            stores.journal().record(upsert("u" + i, partner, ids.get(i), "Name " + i, 1));
        }
        stores.journal().record(add("usage", partner, "a", "backup-server", "1", 1)); // not an account item

        List<String> listed = all(c -> stores.accounts().list(partner, c, 4)).stream()
                .map(a -> a.accountId().value()).sorted().toList();

        assertEquals(ids.stream().sorted().toList(), listed);
        assertEquals(Optional.of("Name 2"), account("a#b").name());
    }

    @Test
    void recordCreatedInGradient_shouldStoreSentDetails_andKeepVendorSide() {
        stores.journal().record(upsert("u1", partner, "acct-1", "Contoso", 1));

        boolean recorded = stores.accounts().recordCreatedInGradient(partner, AccountId.of("acct-1"), "Contoso",
                Optional.of("desc"));

        AccountRecord account = account("acct-1");
        assertTrue(recorded);
        assertEquals(GradientAccountState.CREATED, account.gradientState());
        assertEquals(Optional.of("Contoso"), account.gradientName());
        assertEquals(Optional.of("desc"), account.gradientDescription());
        assertTrue(account.gradientDetailsStale(), "vendor has no description, Gradient has one");
        assertEquals(Optional.of("Contoso"), account.name());
    }

    @Test
    void recordCreatedInGradient_shouldNotConflictWithLaterVendorEvents() {
        stores.journal().record(upsert("u1", partner, "acct-1", "Contoso", 1));
        stores.accounts().recordCreatedInGradient(partner, AccountId.of("acct-1"), "Contoso", Optional.empty());

        RecordResult renamed = stores.journal().record(upsert("u2", partner, "acct-1", "Contoso Ltd", 2));

        assertEquals(RecordOutcome.APPLIED, renamed.outcome());
        AccountRecord account = account("acct-1");
        assertEquals(Optional.of("Contoso Ltd"), account.name());
        assertEquals(Optional.of("Contoso"), account.gradientName());
        assertTrue(account.gradientDetailsStale());
    }

    @Test
    void recordMapped_shouldStoreFlag_andReturnFalseForUnknownAccount() {
        stores.journal().record(upsert("u1", partner, "acct-1", "Contoso", 1));

        assertTrue(stores.accounts().recordMapped(partner, AccountId.of("acct-1"), true));
        assertFalse(stores.accounts().recordMapped(partner, AccountId.of("ghost"), true));
        assertTrue(account("acct-1").mapped());
        assertTrue(stores.accounts().get(partner, AccountId.of("ghost")).isEmpty());
    }

    @Test
    void clearGradientState_shouldForgetGradientSideOfEveryAccount() {
        stores.journal().record(upsert("u1", partner, "acct-1", "One", 1));
        stores.journal().record(upsert("u2", partner, "acct-2", "Two", 1));
        stores.journal().record(upsert("u3", partner, "acct-3", "Three", 1));
        stores.accounts().recordCreatedInGradient(partner, AccountId.of("acct-1"), "One", Optional.empty());
        stores.accounts().recordCreatedInGradient(partner, AccountId.of("acct-2"), "Two", Optional.empty());
        stores.accounts().recordMapped(partner, AccountId.of("acct-2"), true);

        int changed = stores.accounts().clearGradientState(partner);

        assertEquals(2, changed);
        for (String id : List.of("acct-1", "acct-2", "acct-3")) {
            AccountRecord account = account(id);
            assertEquals(GradientAccountState.NONE, account.gradientState());
            assertEquals(Optional.empty(), account.gradientName());
            assertFalse(account.mapped());
            assertTrue(account.name().isPresent(), "vendor side kept");
        }
    }
}
