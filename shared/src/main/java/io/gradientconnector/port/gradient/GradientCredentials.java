package io.gradientconnector.port.gradient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The vendor key and one partner's key. {@link #token()} is the {@code GRADIENT-TOKEN} header value:
 * standard Base64 (with padding) of the UTF-8 bytes of {@code "vendorKey:partnerKey"}.
 * {@link #toString()} never shows either key.
 */
public record GradientCredentials(String vendorKey, String partnerKey) {

    public GradientCredentials {
        requireKey(vendorKey, "vendorKey");
        requireKey(partnerKey, "partnerKey");
        // Gradient splits the decoded token at the colon, so one inside the vendor key would shift the pair.
        if (vendorKey.indexOf(':') >= 0) {
            throw new IllegalArgumentException("vendorKey must not contain ':'");
        }
    }

    public String token() {
        return Base64.getEncoder().encodeToString((vendorKey + ":" + partnerKey).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "GradientCredentials[vendorKey=****, partnerKey=****]";
    }

    private static void requireKey(String key, String name) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (!key.equals(key.strip())) {
            throw new IllegalArgumentException(name + " must not start or end with whitespace");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException(name + " must not contain control characters");
            }
        }
    }
}
