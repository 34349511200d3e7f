package io.gradientconnector.testing;

import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.PartnerStoreContract;


class InMemoryPartnerStoreTest extends PartnerStoreContract {
    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return InMemoryStores.create(clock, DEDUP_TTL);
    }
}
