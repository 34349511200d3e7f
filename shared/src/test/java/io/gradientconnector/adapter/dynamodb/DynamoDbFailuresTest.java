package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.adapter.aws.ThrowingClient;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.SaveResult;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.testing.TestEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SDK failures the emulator will not produce on demand: every store method answers with the port's failure. */
class DynamoDbFailuresTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final PartnerId PARTNER = PartnerId.of("msp-1");
    private static final AccountId ACCOUNT = AccountId.of("acct-1");
    private static final ServiceKey SERVICE = ServiceKey.of("backup-server");

    private static Map<String, Executable> everyStoreCall(DynamoDbClient client) {
        ConnectorStores stores = DynamoDbStores.create(client, "table", CLOCK, Duration.ofDays(1));
        DynamoDbPartnerLocks locks = new DynamoDbPartnerLocks(client, "table");
        UsageRowKey row = new UsageRowKey(PARTNER, ACCOUNT, SERVICE);
        Instant now = CLOCK.instant();
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("partners.get", () -> stores.partners().get(PARTNER));
        calls.put("partners.list", () -> stores.partners().list(Optional.empty(), 10));
        calls.put("partners.save", () -> stores.partners().save(PartnerRecord.builder(PARTNER, now).build()));
        calls.put("partners.recordSync", () -> stores.partners().recordSync(PARTNER, now, Optional.empty()));
        calls.put("accounts.get", () -> stores.accounts().get(PARTNER, ACCOUNT));
        calls.put("accounts.clearGradientState", () -> stores.accounts().clearGradientState(PARTNER));
        calls.put("catalog.all", () -> stores.catalog().all());
        calls.put("catalog.put", () -> stores.catalog().put(SERVICE, "svc-1", "Backup"));
        calls.put("ledger.get", () -> stores.ledger().get(row));
        calls.put("ledger.listForAccount", () -> stores.ledger().listForAccount(PARTNER, ACCOUNT, Optional.empty(), 10));
        calls.put("ledger.acquireLease", () -> stores.ledger().acquireLease(row, "me", Duration.ofSeconds(30), now));
        calls.put("journal.record", () -> stores.journal().record(
                TestEvents.set("e-1", PARTNER, ACCOUNT.value(), SERVICE.value(), "5", 0)));
        calls.put("locks.tryAcquire", () -> locks.tryAcquire(PARTNER, "me", now, Duration.ofSeconds(30)));
        calls.put("locks.release", () -> locks.release(PARTNER, "me"));
        return calls;
    }

    @Test
    void storeMethods_shouldThrowStoreUnavailable_whenTheServiceFails() {
        SdkException throttled = ProvisionedThroughputExceededException.builder().message("slow down").build();
        everyStoreCall(ThrowingClient.of(DynamoDbClient.class, throttled)).forEach((operation, call) -> {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, call, operation);
            assertSame(throttled, e.getCause(), operation);
            assertTrue(e.getMessage().contains(operation), e.getMessage());
        });
    }

    @Test
    void storeMethods_shouldThrowStoreUnavailable_whenTheClientCannotConnect() {
        SdkException unreachable = SdkClientException.create("Unable to execute HTTP request");
        everyStoreCall(ThrowingClient.of(DynamoDbClient.class, unreachable)).forEach((operation, call) ->
                assertSame(unreachable, assertThrows(StoreUnavailableException.class, call, operation).getCause()));
    }

    @Test
    void save_shouldStillReturnConflict_whenTheConditionFails() {
        DynamoDbClient client = ThrowingClient.of(DynamoDbClient.class,
                ConditionalCheckFailedException.builder().message("version moved").build());

        SaveResult result = new DynamoDbPartnerStore(client, "table")
                .save(PartnerRecord.builder(PARTNER, CLOCK.instant()).build());

        assertInstanceOf(SaveResult.Conflict.class, result);
    }

    @Test
    void tryAcquire_shouldStillReturnFalse_whenTheLockIsHeld() {
        DynamoDbClient client = ThrowingClient.of(DynamoDbClient.class,
                ConditionalCheckFailedException.builder().message("held").build());

        assertEquals(false, new DynamoDbPartnerLocks(client, "table")
                .tryAcquire(PARTNER, "me", CLOCK.instant(), Duration.ofSeconds(30)));
    }
}
