package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.UsageLedgerContract;

import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamoDbUsageLedgerIT extends UsageLedgerContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return DynamoDbStores.create(AWS.dynamoDb(), AWS.createTable(), clock, DEDUP_TTL);
    }
}
