package io.gradientconnector.store;

/** What a push attempt ended with. */
public enum PushOutcome {
    PUSHED, UNMAPPED, FAILED;

    PushState toState() {
        return PushState.valueOf(name());
    }
}
