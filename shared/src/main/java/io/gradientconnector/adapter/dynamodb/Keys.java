package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The table's key layout (docs/STORAGE.md). Ids are percent-encoded (UTF-8; RFC 3986 unreserved
 * characters kept), so a {@code #} inside a vendor's account id can never forge another key, and
 * every encoded key is plain ASCII whose string order equals DynamoDB's byte order.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String KIND = "kind";
    public static final String PARTNER_ID = "partnerId";
    public static final String BY_KIND_INDEX = "byKind";
    /** Partner items by local status ({@link #PARTNER_STATUS}, {@link #PARTNER_ID}): the portal's filtered list. */
    public static final String BY_STATUS_INDEX = "byStatus";
    /** A copy of a partner's {@code status} kept only on partner items, so only they enter {@link #BY_STATUS_INDEX}. */
    public static final String PARTNER_STATUS = "partnerStatus";

    public static final String META = "META";
    public static final String ACCOUNT_PREFIX = "ACCOUNT#";
    public static final String USAGE_PREFIX = "USAGE#";
    /** Folded deltas of ledger rows: no partner query lists them (those list {@code ACCOUNT#} or {@code USAGE#}). */
    public static final String FOLD_PREFIX = "FOLD#";
    public static final String CATALOG_PK = "CATALOG";
    public static final String SERVICE_PREFIX = "SERVICE#";
    public static final String EVENT_SK = "EVENT";
    public static final String KIND_PARTNER = "PARTNER";
    public static final String ALERT_KEY_SK = "ALERTKEY";
    /** Added to epoch millis in alert sort keys, so that every instant from year 1 on sorts as 20 digits. */
    private static final long ALERT_EPOCH_OFFSET_MILLIS = 62_135_596_800_000L;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Keys() {
    }

    public static String partnerPk(PartnerId partnerId) {
        return "PARTNER#" + encode(partnerId.value());
    }

    public static String accountSk(AccountId accountId) {
        return ACCOUNT_PREFIX + encode(accountId.value());
    }

    /** The prefix of every ledger row of one account: the trailing {@code #} stops {@code a} matching {@code ab}. */
    public static String usageAccountPrefix(AccountId accountId) {
        return USAGE_PREFIX + encode(accountId.value()) + "#";
    }

    public static String usageSk(AccountId accountId, ServiceKey service) {
        return usageAccountPrefix(accountId) + encode(service.value());
    }

    /** The prefix of every chunk of one ledger row's folded deltas; the trailing {@code #} ends the service key. */
    public static String foldPrefix(AccountId accountId, ServiceKey service) {
        return FOLD_PREFIX + encode(accountId.value()) + "#" + encode(service.value()) + "#";
    }

    /** One chunk of a ledger row's folded deltas, numbered from 0. */
    public static String foldSk(AccountId accountId, ServiceKey service, int chunk) {
        if (chunk < 0) {
            throw new IllegalArgumentException("chunk must not be negative");
        }
        return foldPrefix(accountId, service) + chunk;
    }

    public static String serviceSk(ServiceKey service) {
        return SERVICE_PREFIX + encode(service.value());
    }

    /**
     * The de-duplication row of one partner's event id: the same id from two partners is two rows.
     * Partner ids never contain {@code #} and encoded event ids never do, so no partner's key can be
     * another's, nor the previous release's {@link #legacyEventPk}. Kept out of the partner's partition
     * so that partner queries never meet them and busy partners' writes spread.
     */
    public static String eventPk(PartnerId partnerId, EventId eventId) {
        return "EVENT#" + encode(partnerId.value()) + "#" + encode(eventId.value());
    }

    /**
     * The de-duplication row the previous release wrote, one per event id across partners (its
     * {@code partnerId} attribute names the partner). Only read, until {@code DEDUP_TTL_DAYS} after
     * the upgrade.
     */
    public static String legacyEventPk(EventId eventId) {
        return "EVENT#" + encode(eventId.value());
    }

    /**
     * The push audit trail of one (partner, account, Gradient service): a partition of its own, outside the
     * partner's, so the trail never grows a partner's partition and a hot row spreads nothing onto it.
     */
    public static String pushAuditPk(PartnerId partnerId, AccountId accountId, String gradientServiceId) {
        return "PUSHES#" + encode(partnerId.value()) + "#" + encode(accountId.value()) + "#" + encode(gradientServiceId);
    }

    /** Newest first by a descending query: fixed-width epoch millis, then the attempt's request id. */
    public static String pushAuditSk(Instant at, String requestId) {
        return String.format("%015d", at.toEpochMilli()) + "#" + encode(requestId);
    }

    /**
     * The partition of one partner's alerts, kept out of the partner's own partition so that account and usage
     * queries never meet them; sorted by {@link #alertSk}, so a backward query lists them newest first.
     */
    public static String alertsPk(PartnerId partnerId) {
        return "ALERTS#" + encode(partnerId.value());
    }

    /** {@code <occurredAt as 20 digits of millis>#<alertId>}: time order, then the id. */
    public static String alertSk(Instant occurredAt, EventId alertId) {
        long millis = Math.max(0, occurredAt.toEpochMilli() + ALERT_EPOCH_OFFSET_MILLIS);
        return String.format("%020d", millis) + "#" + encode(alertId.value());
    }

    /**
     * The dedup-key claim of one (partner, account, dedup key). Account id and key are hashed (SHA-256, hex) so the
     * partition key stays short whatever their length.
     */
    public static String alertKeyPk(PartnerId partnerId, AccountId accountId, String dedupKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(accountId.value().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(dedupKey.getBytes(StandardCharsets.UTF_8));
            return "ALERTKEY#" + encode(partnerId.value()) + "#" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Percent-encodes {@code value}: UTF-8 bytes, everything but {@code A-Z a-z 0-9 - . _ ~} as {@code %XX}. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
