package io.gradientconnector.port;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueueMessagesTest {

    @Test
    void parsePushRequest_shouldNameTheField_whenFieldMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueueMessages.parsePushRequest("{\"partnerId\":\"msp-1\",\"service\":\"backup-server\"}"));

        assertEquals("accountId must be a string", e.getMessage());
    }

    @Test
    void parsePushRequest_shouldReject_whenPartnerIdCouldEscapeItsSecretPrefix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueueMessages.parsePushRequest(
                "{\"partnerId\":\"../other\",\"accountId\":\"a\",\"service\":\"backup-server\"}"));

        assertEquals(true, e.getMessage().startsWith("partnerId"));
    }

    @Test
    void parseSyncRequest_shouldReject_whenReasonUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueueMessages.parseSyncRequest("{\"partnerId\":\"msp-1\",\"reason\":\"later\"}"));

        assertEquals("reason must be schedule, key-submitted or manual", e.getMessage());
    }

    @Test
    void parseSyncRequest_shouldReject_whenBodyIsNotJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueueMessages.parseSyncRequest("partnerId=msp-1"));

        assertEquals("message body is not valid JSON", e.getMessage());
    }
}
