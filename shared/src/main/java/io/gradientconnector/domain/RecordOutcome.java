package io.gradientconnector.domain;

/** What recording one vendor event did. */
public enum RecordOutcome {
    /** The event changed stored state. */
    APPLIED,
    /** This event id was recorded before; nothing changed. */
    DUPLICATE,
    /** Recorded (so a redelivery is a DUPLICATE), but a newer event had already decided the state. */
    NO_CHANGE
}
