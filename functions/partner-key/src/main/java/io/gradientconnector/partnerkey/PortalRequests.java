package io.gradientconnector.partnerkey;

import io.gradientconnector.app.alerts.AlertListing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.lambda.ApiError;
import io.gradientconnector.lambda.ApiException;
import io.gradientconnector.lambda.ApiRequest;
import io.gradientconnector.lambda.JsonBodies;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.app.partner.SubmittedKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and validates the portal routes' inputs. Every failure is an {@link ApiException} (400, 413) naming the
 * field; no message ever repeats a submitted key. Thread-safe (stateless apart from the thread-safe body reader).
 */
final class PortalRequests {
    static final String PARTNER_ID = "partnerId";
    static final String PARTNER_API_KEY = "partnerApiKey";
    static final String MOVE = "move";
    static final String SEARCH = "search";
    static final String PREVIOUS_ID = "previousId";
    static final String DRY_RUN = "dryRun";
    /** A key of 512 characters plus JSON framing and some whitespace fits with room to spare. */
    static final int MAX_BODY_BYTES = 4096;
    static final int MAX_SEARCH_LENGTH = 200;
    private static final int MAX_ECHOED_NAME = 64;
    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    static final String STATUS = "status";
    static final String CURSOR = "cursor";
    static final String LIMIT = "limit";
    static final String ACCOUNT_ID = "accountId";
    static final String SERVICE = "service";
    /** Cursors are URL-safe Base64 of a key; a partner id, an encoded account id and a sort key fit well within. */
    static final int MAX_CURSOR_LENGTH = 4096;
    private static final Pattern CURSOR_TEXT = Pattern.compile("^[A-Za-z0-9_-]+$");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,6}$");

    private final JsonBodies bodies = new JsonBodies(MAX_BODY_BYTES);

    /** {@code ?status=}: optional, one of the local statuses (any case), e.g. {@code needs_key}. */
    Optional<PartnerStatus> status(ApiRequest request) {
        Optional<String> raw = request.queryParameter(STATUS).map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        for (PartnerStatus status : PartnerStatus.values()) {
            if (status.name().equalsIgnoreCase(raw.get())) {
                return Optional.of(status);
            }
        }
        throw ApiException.invalidField(STATUS, "must be one of " + Arrays.toString(PartnerStatus.values()));
    }

    /** {@code ?cursor=}: optional, exactly as the previous page returned it. */
    Optional<String> cursor(ApiRequest request) {
        Optional<String> cursor = request.queryParameter(CURSOR).filter(v -> !v.isEmpty());
        cursor.ifPresent(c -> {
            if (c.length() > MAX_CURSOR_LENGTH || !CURSOR_TEXT.matcher(c).matches()) {
                throw ApiException.invalidField(CURSOR, "is not a cursor this API returned; start again without one");
            }
        });
        return cursor;
    }

    /** {@code ?limit=}: optional whole number from 1 to {@code max}; {@code defaultLimit} when absent. */
    int limit(ApiRequest request, int defaultLimit, int max) {
        Optional<String> raw = request.queryParameter(LIMIT).map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return defaultLimit;
        }
        int value = DIGITS.matcher(raw.get()).matches() ? Integer.parseInt(raw.get()) : -1;
        if (value < 1 || value > max) {
            throw ApiException.invalidField(LIMIT, "must be a whole number from 1 to " + max);
        }
        return value;
    }

    /** {@code ?accountId=}: required, the vendor's account id. */
    AccountId accountId(ApiRequest request) {
        String raw = request.queryParameter(ACCOUNT_ID).filter(v -> !v.isEmpty())
                .orElseThrow(() -> ApiException.invalidField(ACCOUNT_ID, "is required"));
        try {
            return AccountId.of(raw);
        } catch (IllegalArgumentException invalid) {
            throw ApiException.invalidField(ACCOUNT_ID, "is not a valid account id (at most "
                    + AccountId.MAX_LENGTH + " characters, no control characters)");
        }
    }

    /** {@code ?service=}: required, a service catalog key. */
    ServiceKey service(ApiRequest request) {
        String raw = request.queryParameter(SERVICE).filter(v -> !v.isEmpty())
                .orElseThrow(() -> ApiException.invalidField(SERVICE, "is required"));
        try {
            return ServiceKey.of(raw);
        } catch (IllegalArgumentException invalid) {
            throw ApiException.invalidField(SERVICE, "must be a service catalog key (lower case letters, digits,"
                    + " '.', '_' or '-', at most 64 characters)");
        }
    }

    PartnerId partnerId(ApiRequest request) {
        String raw = request.pathParameter(PARTNER_ID)
                .orElseThrow(() -> ApiException.invalidField(PARTNER_ID, "is required"));
        try {
            return PartnerId.of(raw);
        } catch (IllegalArgumentException invalid) {
            // PartnerId's messages describe the pattern and never repeat the value.
            throw ApiException.invalidField(PARTNER_ID, stripFieldName(invalid.getMessage()));
        }
    }

    /**
     * A PUT body: the key, and whether the request allows moving the partner to another Gradient organization.
     */
    record Submission(Secret key, boolean move) {
    }

    /** The PUT body's key (see {@link #submission}). */
    Secret submittedKey(ApiRequest request) {
        return submission(request).key();
    }

    /**
     * The PUT body {@code {"partnerApiKey": "...", "move": true}}: {@code partnerApiKey} required, {@code move} an
     * optional boolean (default false; null means absent), no other field allowed. Every invalid field is listed.
     */
    Submission submission(ApiRequest request) {
        ObjectNode body = bodies.readObject(request.rawBody());
        List<ApiError.FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(PARTNER_API_KEY) && !name.equals(MOVE)) {
                errors.add(new ApiError.FieldError(echo(name), "is not an allowed field (only " + PARTNER_API_KEY
                        + " and " + MOVE + ")"));
            }
        }
        JsonNode moveValue = body.get(MOVE);
        boolean move = false;
        if (moveValue != null && !moveValue.isNull()) {
            if (moveValue.isBoolean()) {
                move = moveValue.booleanValue();
            } else {
                errors.add(new ApiError.FieldError(MOVE, "must be true or false"));
            }
        }
        Secret key = null;
        JsonNode value = body.get(PARTNER_API_KEY);
        if (value == null || value.isNull()) {
            errors.add(new ApiError.FieldError(PARTNER_API_KEY, "is required"));
        } else if (!value.isTextual()) {
            errors.add(new ApiError.FieldError(PARTNER_API_KEY, "must be a string"));
        } else {
            try {
                key = SubmittedKey.parse(value.textValue());
            } catch (IllegalArgumentException invalid) {
                errors.add(new ApiError.FieldError(PARTNER_API_KEY, invalid.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ApiError.invalidFields(errors));
        }
        return new Submission(key, move);
    }

    /** {@code ?search=}: optional, an empty value means none. */
    Optional<String> search(ApiRequest request) {
        Optional<String> search = request.queryParameter(SEARCH).map(String::strip).filter(s -> !s.isEmpty());
        search.ifPresent(s -> {
            if (s.length() > MAX_SEARCH_LENGTH) {
                throw ApiException.invalidField(SEARCH, "must be at most " + MAX_SEARCH_LENGTH + " characters");
            }
            if (s.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.invalidField(SEARCH, "must not contain control characters");
            }
            if (s.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                // codePoints() joins proper pairs, so only an unpaired surrogate is left as one.
                throw ApiException.invalidField(SEARCH, "must be valid Unicode (it has an unpaired surrogate)");
            }
        });
        return search;
    }

    /** {@code ?dryRun=}: optional, exactly {@code true} or {@code false} (default). */
    boolean dryRun(ApiRequest request) {
        Optional<String> value = request.queryParameter(DRY_RUN);
        if (value.isEmpty()) {
            return false;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidField(DRY_RUN, "must be true or false");
        };
    }

    /** {@code ?previousId=}: optional, the GUID of the last client of the previous page. */
    Optional<String> previousId(ApiRequest request) {
        Optional<String> previousId = request.queryParameter(PREVIOUS_ID).filter(s -> !s.isEmpty());
        previousId.ifPresent(id -> {
            if (!GUID.matcher(id).matches()) {
                throw ApiException.invalidField(PREVIOUS_ID,
                        "must be a client id (a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301)");
            }
        });
        return previousId;
    }

    /** {@code ?status=} of the alert listing: optional, one of {@link AlertListing#STATUSES}. */
    Optional<String> alertStatus(ApiRequest request) {
        Optional<String> status = request.queryParameter(STATUS).filter(s -> !s.isEmpty());
        status.ifPresent(s -> {
            if (!AlertListing.STATUSES.contains(s)) {
                throw ApiException.invalidField(STATUS, "must be one of " + String.join(", ", AlertListing.STATUSES));
            }
        });
        return status;
    }

    /** {@code ?limit=} of the alert listing: optional, 1 to {@link AlertListing#MAX_LIMIT}. */
    int alertLimit(ApiRequest request) {
        return limit(request, AlertListing.DEFAULT_LIMIT, AlertListing.MAX_LIMIT);
    }

    /** Field names come from the caller: shown, but bounded and without control characters. */
    private static String echo(String name) {
        String printable = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= MAX_ECHOED_NAME ? printable : printable.substring(0, MAX_ECHOED_NAME) + "...";
    }

    /** "partnerId must be ..." becomes "must be ...", since the error names the field already. */
    private static String stripFieldName(String message) {
        return message.startsWith(PARTNER_ID + " ") ? message.substring(PARTNER_ID.length() + 1) : message;
    }
}
