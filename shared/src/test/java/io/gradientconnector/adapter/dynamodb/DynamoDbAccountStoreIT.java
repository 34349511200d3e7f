package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.AccountStoreContract;
import io.gradientconnector.port.ConnectorStores;

import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamoDbAccountStoreIT extends AccountStoreContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return DynamoDbStores.create(AWS.dynamoDb(), AWS.createTable(), clock, DEDUP_TTL);
    }
}
