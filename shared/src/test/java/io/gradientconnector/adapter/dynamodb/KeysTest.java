package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.StorageLimits;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeysTest {

    @Test
    void encode_shouldKeepUnreservedAndPercentEncodeTheRest() {
        assertEquals("aZ09-._~", Keys.encode("aZ09-._~"));
        assertEquals("a%23b%2Fc%20d%25", Keys.encode("a#b/c d%"));
        assertEquals("%C3%A4", Keys.encode("ä"));
    }

    @Test
    void usageSk_shouldNotLetAHashInAnAccountIdForgeAnotherRow() {
        String forged = Keys.usageSk(AccountId.of("a#backup-server"), ServiceKey.of("x"));
        String real = Keys.usageSk(AccountId.of("a"), ServiceKey.of("backup-server"));

        assertEquals("USAGE#a#backup-server", real);
        assertEquals("USAGE#a%23backup-server#x", forged);
        assertFalse(forged.startsWith(Keys.usageAccountPrefix(AccountId.of("a"))));
    }

    @Test
    void eventPk_shouldScopeEachEventIdToItsPartner_andNeverMeetTheUnscopedKey() {
        var id = io.gradientconnector.domain.EventId.of("evt#1");

        assertEquals("EVENT#msp-1#evt%231", Keys.eventPk(PartnerId.of("msp-1"), id));
        assertFalse(Keys.eventPk(PartnerId.of("msp-1"), id).equals(Keys.eventPk(PartnerId.of("msp-2"), id)));
        assertEquals("EVENT#evt%231", Keys.legacyEventPk(id));
        assertFalse(Keys.legacyEventPk(io.gradientconnector.domain.EventId.of("msp-1#evt#1"))
                .equals(Keys.eventPk(PartnerId.of("msp-1"), id)), "an old key never collides with a new one");
    }

    @Test
    void foldSk_shouldStayOutOfEveryListedPrefix_andNotLetOneServiceReadAnothersChunks() {
        String chunk = Keys.foldSk(AccountId.of("a"), ServiceKey.of("backup"), 3);

        assertEquals("FOLD#a#backup#3", chunk);
        assertFalse(chunk.startsWith(Keys.ACCOUNT_PREFIX) || chunk.startsWith(Keys.USAGE_PREFIX));
        assertFalse(Keys.foldSk(AccountId.of("a"), ServiceKey.of("backup-server"), 0)
                .startsWith(Keys.foldPrefix(AccountId.of("a"), ServiceKey.of("backup"))));
    }

    @Test
    void partnerPk_shouldPrefixTheKind() {
        assertEquals("PARTNER#msp-1", Keys.partnerPk(PartnerId.of("msp-1")));
    }

    @Test
    void cursors_shouldRoundTrip_andRejectForeignText() {
        String cursor = Cursors.encode(Map.of("sk", "ACCOUNT#a%23b"));

        assertEquals(Optional.of(Map.of("sk", "ACCOUNT#a%23b")), Cursors.decode(Optional.of(cursor), List.of("sk")));
        assertThrows(IllegalArgumentException.class, () -> Cursors.decode(Optional.of(cursor), List.of("pk", "sk")));
        assertThrows(IllegalArgumentException.class, () -> Cursors.decode(Optional.of("%%%"), List.of("sk")));
    }

    @Test
    void encode_shouldBeAsLongAsTheDomainsEncodedBytes_forAnyText() {
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> 0x20 + random.nextInt(0x5F);
                    case 1 -> 0x80 + random.nextInt(0x780);
                    case 2 -> 0x800 + random.nextInt(0xC800);
                    default -> 0x10000 + random.nextInt(0xFFFF);
                };
                text.appendCodePoint(cp);
            }
            String value = text.toString();
            assertEquals(Keys.encode(value).length(), StorageLimits.encodedBytes(value), value);
        }
    }

    @Test
    void everyKey_shouldFitDynamoDbsKeyLimits_whenEveryIdIsAtItsLimit() {
        AccountId account = AccountId.of("\u6F22".repeat(85) + "abc");
        EventId event = EventId.of("\u6F22".repeat(85) + "xyz");
        PartnerId partner = PartnerId.of("p".repeat(64));
        ServiceKey service = ServiceKey.of("s".repeat(64));
        assertEquals(StorageLimits.FREE_FORM_ID_BYTES, StorageLimits.encodedBytes(account.value()));

        for (String pk : List.of(Keys.partnerPk(partner), Keys.eventPk(partner, event), Keys.CATALOG_PK)) {
            assertTrue(bytes(pk) <= StorageLimits.PARTITION_KEY_BYTES, pk);
        }
        for (String sk : List.of(Keys.accountSk(account), Keys.usageSk(account, service), Keys.serviceSk(service),
                Keys.foldSk(account, service, Integer.MAX_VALUE), Keys.EVENT_SK, Keys.META)) {
            assertTrue(bytes(sk) <= StorageLimits.SORT_KEY_BYTES, sk);
        }
        // The per-partner de-duplication key would still fit even as a sort key.
        assertTrue(bytes(Keys.eventPk(partner, event)) <= StorageLimits.SORT_KEY_BYTES);
        // The push audit trail: a Gradient service id far longer than Gradient's 24 characters, a request id at
        // PushAttempt's limit.
        String pk = Keys.pushAuditPk(partner, account, "g".repeat(256));
        assertTrue(bytes(pk) <= StorageLimits.PARTITION_KEY_BYTES, pk);
        String sk = Keys.pushAuditSk(java.time.Instant.parse("9999-12-31T23:59:59.999Z"), "r".repeat(128));
        assertTrue(bytes(sk) <= StorageLimits.SORT_KEY_BYTES, sk);
    }

    @Test
    void pushAuditSk_shouldSortByTime_thenRequestId() {
        java.time.Instant early = java.time.Instant.parse("2026-01-01T00:00:00Z");
        java.time.Instant late = java.time.Instant.parse("2026-01-01T00:00:00.001Z");
        assertTrue(Keys.pushAuditSk(early, "b").compareTo(Keys.pushAuditSk(late, "a")) < 0);
        assertTrue(Keys.pushAuditSk(early, "a").compareTo(Keys.pushAuditSk(early, "b")) < 0);
        assertTrue(Keys.pushAuditSk(java.time.Instant.parse("1999-01-01T00:00:00Z"), "z")
                .compareTo(Keys.pushAuditSk(early, "a")) < 0, "fixed width: fewer digits never sort later");
    }

    private static int bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length;
    }
}
