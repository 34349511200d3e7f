package io.gradientconnector.testing;

import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.UsageLedgerContract;


class InMemoryUsageLedgerTest extends UsageLedgerContract {
    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        return InMemoryStores.create(clock, DEDUP_TTL);
    }
}
