package io.gradientconnector.domain;

import java.nio.charset.StandardCharsets;

/**
 * What the store can hold, in one place: DynamoDB's key and item limits, and the largest free-form id (account id,
 * event id) that fits every key it appears in, measured <em>after</em> the key encoding, in bytes.
 *
 * <p>Ids inside keys are percent-encoded UTF-8 (docs/STORAGE.md): {@code A-Z a-z 0-9 - . _ ~} stay one byte, any
 * other ASCII character becomes {@code %XX} (3 bytes), and a non-ASCII character 6 to 12 bytes. So 256 characters
 * can be anything from 256 to 2,304 bytes of key; the limit is on the encoded bytes, which is what DynamoDB counts.
 *
 * <p>Derivation. The sort key is the tighter of the two key limits ({@value #SORT_KEY_BYTES} bytes) and each
 * free-form id can sit in a sort key ({@code ACCOUNT#<account>}, {@code USAGE#<account>#<service>}, the
 * de-duplication row, {@code FOLD#<account>#<service>#<n>}). No key holds more than one free-form id; what surrounds
 * it is fixed text and ids whose pattern keeps them short ASCII ({@link PartnerId}, {@link ServiceKey}: at most 64
 * characters each, never encoded), at most 81 bytes today ({@code FOLD#} + {@code #} + a service key + {@code #} +
 * a chunk number). {@value #KEY_TEXT_RESERVE} bytes
 * are kept back for that text, so a free-form id may take {@value #FREE_FORM_ID_BYTES} bytes: every id of at most
 * 256 ASCII characters fits, whatever they are. {@code KeysTest} builds every key from maximal ids and checks
 * it against the key limits.
 */
public final class StorageLimits {
    /** DynamoDB's limit on a partition key value (UTF-8 bytes). */
    public static final int PARTITION_KEY_BYTES = 2048;
    /** DynamoDB's limit on a sort key value (UTF-8 bytes). */
    public static final int SORT_KEY_BYTES = 1024;
    /** DynamoDB's limit on one item, names and values together. */
    public static final int ITEM_BYTES = 400 * 1024;
    /** Kept back in every key for its fixed text and short ASCII ids. */
    public static final int KEY_TEXT_RESERVE = 256;
    /** The most bytes an account id or event id may take once percent-encoded. */
    public static final int FREE_FORM_ID_BYTES = SORT_KEY_BYTES - KEY_TEXT_RESERVE;
    /** Characters of a free-form id: a bound on the text a sender may send, before the byte check. */
    public static final int FREE_FORM_ID_CHARS = 256;

    private StorageLimits() {
    }

    /**
     * The length of {@code value} once percent-encoded as a key part: 1 byte for {@code A-Z a-z 0-9 - . _ ~}, 3 for
     * every other UTF-8 byte. Equals the length of {@code adapter.dynamodb.Keys.encode(value)} (a test checks it).
     */
    public static int encodedBytes(String value) {
        int length = 0;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean kept = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            length += kept ? 1 : 3;
        }
        return length;
    }
}
