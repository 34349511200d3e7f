package io.gradientconnector.port;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link PushAuditLog}, run against the fake and DynamoDB. */
public abstract class PushAuditLogContract {
    protected PushAuditLog audit;
    protected PartnerId partner;

    /** A fresh, empty audit log. */
    protected abstract PushAuditLog newAuditLog();

    @BeforeEach
    void fresh() {
        audit = newAuditLog();
        partner = TestEvents.uniquePartner();
    }

    private PushAttempt attempt(AccountId account, String service, Instant at, String requestId, long count) {
        return new PushAttempt(partner, account, service, at, "set", BigDecimal.valueOf(count), count % 2 == 0,
                count % 3 == 0 ? PushAttempt.Outcome.NOT_MAPPED : PushAttempt.Outcome.APPLIED,
                count % 3 == 0 ? 404 : 201, requestId);
    }

    private List<PushAttempt> all(AccountId account, String service, int limit) {
        List<PushAttempt> items = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<PushAttempt> page = audit.list(partner, account, service, cursor, limit);
            assertTrue(page.items().size() <= limit);
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return items;
    }

    @Test
    void list_shouldReturnEveryAttemptOfTheRow_newestFirst_pageByPage() {
        Random random = new Random(42);
        AccountId account = AccountId.of("acct#1/ü");
        AccountId prefixOfOther = AccountId.of("acct");
        List<PushAttempt> expected = new ArrayList<>();
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 23; i++) {
            // Times within one second and across seconds: the order must hold for both.
            Instant at = base.plusMillis(random.nextInt(5_000));
            PushAttempt a = attempt(account, "sku-1", at, "req-" + i, i);
            audit.record(a);
            expected.add(a);
            audit.record(attempt(prefixOfOther, "sku-1", at, "other-" + i, i)); // another row, same times
            audit.record(attempt(account, "sku-2", at, "svc-" + i, i));          // another service
        }
        expected.sort(Comparator.comparing(PushAttempt::at).thenComparing(PushAttempt::requestId).reversed());

        assertEquals(expected, all(account, "sku-1", 4));
        assertEquals(23, all(prefixOfOther, "sku-1", 100).size());
        assertEquals(List.of(), all(AccountId.of("nobody"), "sku-1", 10));
    }

    @Test
    void record_shouldKeepOneItem_whenTheSameAttemptIsWrittenTwice() {
        AccountId account = AccountId.of("a-1");
        PushAttempt a = attempt(account, "sku-1", Instant.parse("2026-01-01T00:00:00.5Z"), "req-1", 7);
        audit.record(a);
        audit.record(a);
        assertEquals(List.of(a), all(account, "sku-1", 10));
    }

    @Test
    void list_shouldRejectACursorItDidNotReturn() {
        assertThrows(IllegalArgumentException.class,
                () -> audit.list(partner, AccountId.of("a"), "sku-1", Optional.of("bm90LWEtY3Vyc29y"), 10));
    }
}
