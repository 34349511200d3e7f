package io.gradientconnector.adapter.gradient;

import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.GradientCredentials;

import java.util.Locale;

/**
 * Which requests share one rate budget. Gradient documents 100 requests/s without saying whether the limit is per
 * vendor key or per partner token (docs/GRADIENT-API.md), so this is configuration ({@code GRADIENT_RATE_SCOPE}).
 * The scope name carries a fingerprint, never a key.
 */
public enum RateScope {
    /** Every request of the deployment together (the default: the safe reading). */
    VENDOR_KEY("vendor"),
    /** Each partner token (vendor key + partner key) separately. */
    PARTNER_TOKEN("partner");

    private final String wire;

    RateScope(String wire) {
        this.wire = wire;
    }

    /** {@code vendor} or {@code partner}, as configured. */
    public static RateScope fromWire(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (RateScope scope : values()) {
            if (scope.wire.equals(v)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("rate scope must be vendor or partner");
    }

    public String wire() {
        return wire;
    }

    /** The budget's name for the requests signed with {@code credentials}. */
    String nameFor(GradientCredentials credentials) {
        return switch (this) {
            case VENDOR_KEY -> "vendor-" + Secret.of(credentials.vendorKey()).fingerprint();
            case PARTNER_TOKEN -> "token-" + Secret.of(credentials.token()).fingerprint();
        };
    }
}
