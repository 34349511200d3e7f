package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.PartnerLocks;
import io.gradientconnector.port.PartnerLocksContract;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.Page;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoDbPartnerLocksIT extends PartnerLocksContract {
    @RegisterExtension
    static final AwsEmulator aws = new AwsEmulator();
    private static String table;

    @BeforeAll
    static void createTable() {
        table = aws.createTable();
    }

    @Override
    protected PartnerLocks locks() {
        return new DynamoDbPartnerLocks(aws.dynamoDb(), table);
    }

    @Test
    void tryAcquire_shouldNotShowUpInPartnerQueries_whenHeld() {
        PartnerId partner = TestEvents.uniquePartner();
        ConnectorStores stores = DynamoDbStores.create(aws.dynamoDb(), table, Clock.systemUTC(), Duration.ofDays(1));
        locks().tryAcquire(partner, "a", Instant.now(), Duration.ofSeconds(60));

        assertTrue(stores.partners().get(partner).isEmpty());
        assertEquals(0, stores.accounts().list(partner, Optional.empty(), 10).items().size());
        assertEquals(0, stores.ledger().list(partner, Optional.empty(), 10).items().size());
        Page<?> partners = stores.partners().list(Optional.empty(), 1000);
        assertTrue(partners.items().stream().noneMatch(p -> p.toString().contains(partner.value())));
    }
}
