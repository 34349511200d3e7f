package io.gradientconnector.partnerkey;

import io.gradientconnector.lambda.Components;

/**
 * Lets the malformed-input campaign (package {@code io.gradientconnector.bench.campaign}) build the handler exactly as
 * its public no-arg constructor does, from a {@link Components} over an explicit environment instead of the process's.
 * Lives in the handler's package (test code of the bench module) because that constructor is package-private.
 */
public final class CampaignWiring {
    private CampaignWiring() {
    }

    public static PartnerKeyHandler handler(Components components) {
        return new PartnerKeyHandler(components);
    }

    public static String function() {
        return PartnerKeyHandler.FUNCTION;
    }
}
