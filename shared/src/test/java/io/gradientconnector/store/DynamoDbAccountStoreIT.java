package io.gradientconnector.store;

import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamoDbAccountStoreIT extends AccountStoreContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return ConnectorStores.dynamoDb(AWS.dynamoDb(), AWS.createTable(), clock, DEDUP_TTL);
    }
}
