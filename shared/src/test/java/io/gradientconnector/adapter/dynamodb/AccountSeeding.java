package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.GradientAccountState;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.LedgerState.Position;
import io.gradientconnector.domain.PartnerId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.Optional;

/**
 * Seeds many vendor accounts into a DynamoDB table for emulator tests: the same item the journal's
 * {@code account.upserted} writes ({@link Items#accountVendorUpdate}), without its transaction and
 * de-duplication row. Emulators that snapshot the whole table per transaction (moto) make a
 * thousand journal records take minutes; plain updates take seconds.
 */
public final class AccountSeeding {
    private AccountSeeding() {
    }

    /** A new account named {@code name}, as if an upsert event with {@code eventId} happened at {@code at}. */
    public static void putNew(DynamoDbClient client, String table, PartnerId partnerId, AccountId accountId,
                              String name, EventId eventId, Instant at) {
        AccountRecord account = new AccountRecord(partnerId, accountId, Optional.of(name), Optional.empty(), false,
                Optional.of(new Position(at, eventId)), Optional.empty(), GradientAccountState.NONE, Optional.empty(),
                Optional.empty(), false, 1);
        client.updateItem(Items.accountVendorUpdate(account, 0).request(table, Items.key(partnerId, accountId)));
    }
}
