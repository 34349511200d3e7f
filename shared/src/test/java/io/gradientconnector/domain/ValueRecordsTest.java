package io.gradientconnector.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueRecordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"msp-1", "A", "a_b-C9", "x123456789012345678901234567890123456789012345678901234567890123"})
    void partnerId_shouldAccept_whenPatternMatches(String value) {
        assertEquals(value, PartnerId.of(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-lead", "_lead", "a/b", "../x", "a b", "a.b", "ä",
            "x1234567890123456789012345678901234567890123456789012345678901234"})
    void partnerId_shouldReject_whenItCouldLeaveItsSecretPrefix(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartnerId.of(value));

        assertTrue(e.getMessage().startsWith("partnerId"));
    }

    @Test
    void accountId_shouldAcceptAnyPrintableText_upTo256() {
        assertEquals("tenant.onmicrosoft.com#1 ä", AccountId.of("tenant.onmicrosoft.com#1 ä").value());
        assertThrows(IllegalArgumentException.class, () -> AccountId.of("x".repeat(257)));
        assertThrows(IllegalArgumentException.class, () -> AccountId.of(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountId.of("a\nb"));
        assertEquals("accountId must not contain control characters", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Backup", "-x", "a b", "a/b", ""})
    void serviceKey_shouldReject_whenNotLowercaseSlug(String value) {
        assertThrows(IllegalArgumentException.class, () -> ServiceKey.of(value));
    }

    @Test
    void quantity_shouldBeCanonical_soEqualValuesAreEqualRecords() {
        assertEquals(Quantity.of("5"), Quantity.of("5.000"));
        assertEquals(Quantity.of("100"), new Quantity(new BigDecimal("1E+2")));
        assertEquals("100", new Quantity(new BigDecimal("1E+2")).toString());
        assertEquals(Quantity.ZERO, Quantity.of("0.0"));
    }

    @Test
    void quantity_shouldRejectOutOfRange_namingTheField() {
        assertEquals("quantity must not be negative",
                assertThrows(IllegalArgumentException.class, () -> Quantity.of("-1")).getMessage());
        assertEquals("quantity must not exceed 1000000000000",
                assertThrows(IllegalArgumentException.class, () -> Quantity.of("1000000000000.000001")).getMessage());
        assertEquals("quantity must have at most 6 decimal places",
                assertThrows(IllegalArgumentException.class, () -> Quantity.of("0.0000001")).getMessage());
        assertEquals("quantity must be a number",
                assertThrows(IllegalArgumentException.class, () -> Quantity.of("12abc")).getMessage());
        assertEquals(Quantity.of("1000000000000"), Quantity.of("1000000000000.000000"));
    }

    @Test
    void quantity_shouldFloorSubtractAtZero_andCapAddAtMax() {
        assertEquals(Quantity.ZERO, Quantity.of(2).minusFloored(Quantity.of(5)));
        assertEquals(Quantity.of("1.25"), Quantity.of("3.5").minusFloored(Quantity.of("2.25")));
        assertEquals(new Quantity(Quantity.MAX), new Quantity(Quantity.MAX).plus(Quantity.of(1)));
    }

    @Test
    void secret_shouldNeverShowItsValue_inToString() {
        Secret secret = Secret.of("gradient-key-123");

        assertFalse(secret.toString().contains("gradient-key-123"));
        assertEquals("gradient-key-123", secret.reveal());
        assertEquals(12, secret.fingerprint().length());
        assertEquals(Secret.of("gradient-key-123").fingerprint(), secret.fingerprint());
        assertEquals(Secret.of("gradient-key-123"), secret);
        assertThrows(IllegalArgumentException.class, () -> Secret.of(" "));
    }

    @Test
    void usageAdd_shouldReject_whenQuantityIsZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VendorEvent.UsageAdd(
                EventId.of("e"), PartnerId.of("p"), Instant.EPOCH, AccountId.of("a"), ServiceKey.of("s"), Quantity.ZERO));

        assertEquals("quantity must be greater than 0", e.getMessage());
    }

    @Test
    void usageSet_shouldAcceptZero_andNameItsWireType() {
        VendorEvent event = new VendorEvent.UsageSet(EventId.of("e"), PartnerId.of("p"), Instant.EPOCH,
                AccountId.of("a"), ServiceKey.of("s"), Quantity.ZERO);

        assertEquals("usage.set", event.type());
    }

    @Test
    void ids_shouldRejectUnpairedSurrogates_butAcceptPairedOnes() {
        assertEquals("acct-\ud83d\ude00", AccountId.of("acct-\ud83d\ude00").value());
        for (String bad : new String[]{"a\ud800", "\udfffa", "a\udbff\u0041", "\ude00\ud83d"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountId.of(bad));
            assertEquals("accountId must be valid Unicode (it has an unpaired surrogate)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> EventId.of(bad));
            assertThrows(IllegalArgumentException.class, () -> new VendorAccount(AccountId.of("a"), bad, null));
            assertThrows(IllegalArgumentException.class, () -> new VendorAccount(AccountId.of("a"), "n", bad));
        }
    }

    @Test
    void vendorAccount_shouldTreatBlankDescriptionAsAbsent_andRequireName() {
        assertEquals(null, new VendorAccount(AccountId.of("a"), " Contoso ", "  ").description());
        assertEquals("Contoso", new VendorAccount(AccountId.of("a"), " Contoso ", null).name());
        assertEquals("account.name is required", assertThrows(IllegalArgumentException.class,
                () -> new VendorAccount(AccountId.of("a"), " ", null)).getMessage());
    }
}
