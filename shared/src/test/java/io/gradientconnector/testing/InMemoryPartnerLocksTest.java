package io.gradientconnector.testing;

import io.gradientconnector.port.PartnerLocks;
import io.gradientconnector.port.PartnerLocksContract;

class InMemoryPartnerLocksTest extends PartnerLocksContract {
    private final InMemoryPartnerLocks locks = InMemoryPartnerLocks.create();

    @Override
    protected PartnerLocks locks() {
        return locks;
    }
}
