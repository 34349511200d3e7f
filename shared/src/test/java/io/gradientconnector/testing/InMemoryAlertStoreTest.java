package io.gradientconnector.testing;

import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.AlertStoreContract;
import io.gradientconnector.port.ConnectorStores;

class InMemoryAlertStoreTest extends AlertStoreContract {
    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return InMemoryStores.create(clock, DEDUP_TTL);
    }

    @Override
    protected AlertStore alertStore(ConnectorStores stores) {
        return InMemoryStores.alerts(stores);
    }
}
