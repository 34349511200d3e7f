package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
