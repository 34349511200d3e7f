package io.gradientconnector.domain;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageLimitsTest {
    /** 3 UTF-8 bytes, 9 once percent-encoded. */
    private static final String CJK = "\u6F22";
    /** A surrogate pair: 4 UTF-8 bytes, 12 once percent-encoded. */
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void encodedBytes_shouldCountOneForUnreserved_threePerOtherUtf8Byte() {
        assertEquals(4, StorageLimits.encodedBytes("aZ0~"));
        assertEquals(3, StorageLimits.encodedBytes("#"));
        assertEquals(9, StorageLimits.encodedBytes(CJK));
        assertEquals(12, StorageLimits.encodedBytes(EMOJI));
    }

    @Test
    void freeFormIdLimit_shouldLetEvery256CharacterAsciiIdThrough() {
        assertEquals(768, StorageLimits.FREE_FORM_ID_BYTES);
        assertEquals("#".repeat(256), AccountId.of("#".repeat(256)).value());
        assertEquals(256, EventId.of("\u007E".repeat(256)).value().length());
    }

    @Test
    void accountId_shouldAccept_whenExactlyAtTheEncodedLimit() {
        String atLimit = CJK.repeat(85) + "abc"; // 765 + 3 = 768 bytes
        assertEquals(768, StorageLimits.encodedBytes(atLimit));
        assertEquals(atLimit, AccountId.of(atLimit).value());
        assertEquals(atLimit, EventId.of(atLimit).value());
    }

    @Test
    void accountId_shouldReject_whenOneByteOverTheEncodedLimit_evenUnder256Characters() {
        String over = CJK.repeat(85) + "abcd"; // 769 bytes, 89 characters
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountId.of(over));
        assertTrue(e.getMessage().startsWith("accountId must be at most 768 bytes once percent-encoded"), e.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> EventId.of(over));
        assertTrue(id.getMessage().startsWith("id must be at most 768 bytes"), id.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AccountId.of(EMOJI.repeat(65))); // 780 bytes
        assertEquals(64 * 12, StorageLimits.encodedBytes(AccountId.of(EMOJI.repeat(64)).value()));
    }

    @Test
    void ids_shouldRejectEveryControlCharacter() {
        for (char c : new char[] {'\u0000', '\t', '\n', '\u001F', '\u007F', '\u0085', '\u009F'}) {
            assertEquals("accountId must not contain control characters",
                    assertThrows(IllegalArgumentException.class, () -> AccountId.of("a" + c)).getMessage());
            assertEquals("id must not contain control characters",
                    assertThrows(IllegalArgumentException.class, () -> EventId.of("a" + c)).getMessage());
        }
    }

    @Test
    void vendorAccount_shouldRejectControlCharacters_inNameAndDescription() {
        AccountId id = AccountId.of("a");
        assertEquals("account.name must not contain control characters", assertThrows(
                IllegalArgumentException.class, () -> new VendorAccount(id, "Acme\u0000Corp", null)).getMessage());
        assertEquals("account.name must not contain control characters", assertThrows(
                IllegalArgumentException.class, () -> new VendorAccount(id, "Acme\nCorp", null)).getMessage());
        assertEquals("account.description must not contain control characters", assertThrows(
                IllegalArgumentException.class, () -> new VendorAccount(id, "Acme", "x\u001By")).getMessage());
    }

    @Test
    void vendorAccount_shouldAcceptLineBreaksInDescription_andFormatCharactersInName() {
        VendorAccount account = new VendorAccount(AccountId.of("a"), "Team \uD83D\uDC68\u200D\uD83D\uDCBB",
                "line one\r\n\tline two");
        assertEquals("line one\r\n\tline two", account.description());
        assertTrue(account.name().contains("\u200D"));
    }
}
