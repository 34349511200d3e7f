package io.gradientconnector.domain;

/** The connector's own status of a partner integration. */
public enum PartnerStatus {
    /** Key stored, Gradient integration pending (no successful count yet). */
    PENDING,
    ACTIVE,
    /** Gradient rejected the stored key; pushes stop until a new key is submitted. */
    NEEDS_KEY,
    DISCONNECTED
}
