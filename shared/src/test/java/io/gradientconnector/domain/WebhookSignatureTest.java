package io.gradientconnector.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String CURRENT = "whsec_current_0123456789";
    private static final String PREVIOUS = "whsec_previous_9876543210";
    private static final long NOW = 1_800_000_000L;
    private static final byte[] BODY = "{\"id\":\"evt-1\",\"type\":\"usage.set\"}".getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature verifier = WebhookSignature.verifier(
            List.of(CURRENT, PREVIOUS), WebhookSignature.DEFAULT_TOLERANCE,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void sign_shouldMatchKnownVector_whenComputedIndependently() {
        // printf '%s' '1800000000.{"id":"evt-1","type":"usage.set"}' | openssl dgst -sha256 -hmac whsec_current_0123456789
        assertEquals("v1=8916f7893b10a24b6bc37a23878985bbea5cd645193439e773de605096c1ec7a",
                WebhookSignature.sign(CURRENT, NOW, BODY));
    }

    @Test
    void verify_shouldAccept_whenSignedWithCurrentSecret() {
        assertDoesNotThrow(() -> verifier.verify(Long.toString(NOW), WebhookSignature.sign(CURRENT, NOW, BODY), BODY));
    }

    @Test
    void verify_shouldAccept_whenSignedWithPreviousSecret() {
        assertDoesNotThrow(() -> verifier.verify(Long.toString(NOW), WebhookSignature.sign(PREVIOUS, NOW, BODY), BODY));
    }

    @Test
    void verify_shouldAccept_whenOneOfSeveralSignaturesMatches() {
        String header = WebhookSignature.sign("some-other-secret", NOW, BODY) + ", v0=abc, "
                + WebhookSignature.sign(CURRENT, NOW, BODY);
        assertDoesNotThrow(() -> verifier.verify(Long.toString(NOW), header, BODY));
    }

    @Test
    void verify_shouldAccept_whenTimestampAtEdgeOfTolerance() {
        long ts = NOW - 300;
        assertDoesNotThrow(() -> verifier.verify(Long.toString(ts), WebhookSignature.sign(CURRENT, ts, BODY), BODY));
        long future = NOW + 300;
        assertDoesNotThrow(() -> verifier.verify(Long.toString(future), WebhookSignature.sign(CURRENT, future, BODY), BODY));
    }

    @Test
    void verify_shouldReject_whenTimestampStale() {
        long ts = NOW - 301;
        var e = assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(Long.toString(ts), WebhookSignature.sign(CURRENT, ts, BODY), BODY));
        assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    }

    @Test
    void verify_shouldReject_whenTimestampTooFarInFuture() {
        long ts = NOW + 301;
        assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(Long.toString(ts), WebhookSignature.sign(CURRENT, ts, BODY), BODY));
    }

    @Test
    void verify_shouldReject_whenBodyChangedByOneByte() {
        byte[] tampered = Arrays.copyOf(BODY, BODY.length);
        tampered[5] ^= 1;
        assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(Long.toString(NOW), WebhookSignature.sign(CURRENT, NOW, BODY), tampered));
    }

    @Test
    void verify_shouldReject_whenSignatureUsesOtherTimestamp() {
        // The timestamp is part of the signed string, so replaying a body under a fresh timestamp fails.
        String sig = WebhookSignature.sign(CURRENT, NOW - 1000, BODY);
        assertThrows(SignatureVerificationException.class, () -> verifier.verify(Long.toString(NOW), sig, BODY));
    }

    @Test
    void verify_shouldReject_whenSignedWithUnknownSecret() {
        var e = assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(Long.toString(NOW), WebhookSignature.sign("wrong", NOW, BODY), BODY));
        assertFalse(e.getMessage().contains(CURRENT));
        assertFalse(e.getMessage().contains(PREVIOUS));
    }

    @Test
    void verify_shouldReject_whenHeadersMissingOrMalformed() {
        String good = WebhookSignature.sign(CURRENT, NOW, BODY);
        assertThrows(SignatureVerificationException.class, () -> verifier.verify(null, good, BODY));
        assertThrows(SignatureVerificationException.class, () -> verifier.verify("", good, BODY));
        assertThrows(SignatureVerificationException.class, () -> verifier.verify("12ab", good, BODY));
        assertThrows(SignatureVerificationException.class, () -> verifier.verify("-1800000000", good, BODY));
        assertThrows(SignatureVerificationException.class, () -> verifier.verify("99999999999999999999", good, BODY));
        assertThrows(SignatureVerificationException.class, () -> verifier.verify(Long.toString(NOW), null, BODY));
        assertThrows(SignatureVerificationException.class, () -> verifier.verify(Long.toString(NOW), "v1=zz", BODY));
        assertThrows(SignatureVerificationException.class, () -> verifier.verify(Long.toString(NOW), good.substring(3), BODY));
        assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(Long.toString(NOW), "v1=" + "g".repeat(64), BODY));
        assertThrows(SignatureVerificationException.class,
                () -> verifier.verify(Long.toString(NOW), "x".repeat(5000), BODY));
    }

    @Test
    void verifier_shouldRefuse_whenNoUsableSecret() {
        Clock clock = Clock.systemUTC();
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.verifier(List.of(), Duration.ofSeconds(1), clock));
        assertThrows(IllegalArgumentException.class,
                () -> WebhookSignature.verifier(Arrays.asList(" ", null), Duration.ofSeconds(1), clock));
    }
}
