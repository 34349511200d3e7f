package io.gradientconnector.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies and produces the vendor platform's webhook signature:
 * {@code X-Webhook-Timestamp: <unix seconds>} and {@code X-Webhook-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">}.
 *
 * <p>Verification runs over the raw body bytes before anything parses them. The header may carry several
 * comma-separated {@code v1=} values (a sender rotating its secret), and the verifier accepts any of the
 * configured secrets (current and previous, for our side of the rotation). Comparison is constant-time.
 * Failure messages name what was wrong, never a secret or an expected signature.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    private static final String SCHEME = "v1=";
    private static final int MAX_SIGNATURES = 8;
    private static final int MAX_HEADER_LENGTH = 1024;

    private final List<byte[]> secrets;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookSignature(List<byte[]> secrets, Duration tolerance, Clock clock) {
        this.secrets = secrets;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * @param secrets the accepted signing secrets, current first; blank entries (no previous secret) are ignored
     */
    public static WebhookSignature verifier(List<String> secrets, Duration tolerance, Clock clock) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(clock, "clock");
        List<byte[]> keys = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && !s.isBlank()) {
                keys.add(s.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one non-blank signing secret is required");
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance must be positive");
        }
        return new WebhookSignature(List.copyOf(keys), tolerance, clock);
    }

    /** Throws {@link SignatureVerificationException} unless the headers sign {@code rawBody} with an accepted secret. */
    public void verify(String timestampHeader, String signatureHeader, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        long timestamp = parseTimestamp(timestampHeader);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > tolerance.toSeconds()) {
            throw new SignatureVerificationException(TIMESTAMP_HEADER + " is outside the " + tolerance.toSeconds()
                    + " s tolerance");
        }
        List<byte[]> candidates = parseSignatures(signatureHeader);
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, timestampHeader.trim(), rawBody);
            for (byte[] candidate : candidates) {
                // MessageDigest.isEqual is constant-time for equal lengths (JDK 6u17+).
                if (MessageDigest.isEqual(expected, candidate)) {
                    return;
                }
            }
        }
        throw new SignatureVerificationException("no " + SCHEME + " signature matches the payload");
    }

    /** The header value a sender puts in {@code X-Webhook-Signature} for {@code rawBody} at {@code timestamp}. */
    public static String sign(String secret, long timestampSeconds, byte[] rawBody) {
        Objects.requireNonNull(secret, "secret");
        return SCHEME + HexFormat.of().formatHex(
                hmac(secret.getBytes(StandardCharsets.UTF_8), Long.toString(timestampSeconds), rawBody));
    }

    private static long parseTimestamp(String header) {
        if (header == null || header.isBlank()) {
            throw new SignatureVerificationException(TIMESTAMP_HEADER + " header is missing");
        }
        String value = header.trim();
        if (value.length() > 12 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SignatureVerificationException(TIMESTAMP_HEADER + " must be unix seconds");
        }
        return Long.parseLong(value);
    }

    private static List<byte[]> parseSignatures(String header) {
        if (header == null || header.isBlank()) {
            throw new SignatureVerificationException(SIGNATURE_HEADER + " header is missing");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw new SignatureVerificationException(SIGNATURE_HEADER + " header is too long");
        }
        List<byte[]> out = new ArrayList<>();
        for (String part : header.split(",")) {
            String p = part.trim();
            if (!p.startsWith(SCHEME)) {
                continue; // unknown schemes are ignored, so a sender can add v2 later
            }
            String hex = p.substring(SCHEME.length());
            if (hex.length() != 64) {
                continue;
            }
            try {
                out.add(HexFormat.of().parseHex(hex));
            } catch (IllegalArgumentException notHex) {
                // skip; a malformed entry can never match
            }
            if (out.size() == MAX_SIGNATURES) {
                break;
            }
        }
        if (out.isEmpty()) {
            throw new SignatureVerificationException(SIGNATURE_HEADER + " has no well-formed " + SCHEME + " signature");
        }
        return out;
    }

    private static byte[] hmac(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
