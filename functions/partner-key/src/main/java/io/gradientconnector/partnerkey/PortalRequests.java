package io.gradientconnector.partnerkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.lambda.ApiError;
import io.gradientconnector.lambda.ApiException;
import io.gradientconnector.lambda.ApiRequest;
import io.gradientconnector.lambda.JsonBodies;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.app.partner.SubmittedKey;

import java.util.ArrayList;
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

    private final JsonBodies bodies = new JsonBodies(MAX_BODY_BYTES);

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
