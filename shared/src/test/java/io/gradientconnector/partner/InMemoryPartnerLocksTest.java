package io.gradientconnector.partner;

class InMemoryPartnerLocksTest extends PartnerLocksContract {
    private final InMemoryPartnerLocks locks = InMemoryPartnerLocks.create();

    @Override
    protected PartnerLocks locks() {
        return locks;
    }
}
