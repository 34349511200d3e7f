package io.gradientconnector.port.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GradientCredentialsTest {

    @Test
    void token_shouldBeStandardBase64OfVendorColonPartner_whenBuilt() {
        assertEquals("djpw", new GradientCredentials("v", "p").token());
        assertEquals("YWI6Yw==", new GradientCredentials("ab", "c").token()); // padding kept
        assertEquals("dmVuZG9yLWtleTpwYXJ0bmVyLWtleQ==", new GradientCredentials("vendor-key", "partner-key").token());
    }

    @Test
    void token_shouldEncodeUtf8AndUseStandardAlphabet_whenKeysAreNotAscii() {
        // "ü" is C3 BC in UTF-8; "?>?" forces '+' and '/' which URL-safe Base64 would change.
        assertEquals("w7w6Pz4/", new GradientCredentials("ü", "?>?").token());
    }

    @Test
    void toString_shouldHideBothKeys_whenPrinted() {
        GradientCredentials credentials = new GradientCredentials("VENDOR-SECRET-1", "PARTNER-SECRET-2");
        String text = credentials.toString();
        assertFalse(text.contains("VENDOR-SECRET-1"));
        assertFalse(text.contains("PARTNER-SECRET-2"));
        assertFalse(text.contains(credentials.token()));
    }

    @Test
    void constructor_shouldRejectUnusableKeys_whenBlankPaddedOrColon() {
        assertThrows(IllegalArgumentException.class, () -> new GradientCredentials(null, "p"));
        assertThrows(IllegalArgumentException.class, () -> new GradientCredentials("v", " "));
        assertThrows(IllegalArgumentException.class, () -> new GradientCredentials("v ", "p"));
        assertThrows(IllegalArgumentException.class, () -> new GradientCredentials("v", "p\n"));
        assertThrows(IllegalArgumentException.class, () -> new GradientCredentials("a:b", "p"));
    }

    @Test
    void constructor_shouldNotEchoTheKey_whenRejecting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradientCredentials("SECRET:VALUE", "p"));
        assertFalse(e.getMessage().contains("SECRET"));
    }
}
