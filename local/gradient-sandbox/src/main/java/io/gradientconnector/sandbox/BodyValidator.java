package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Field checks in the style of NestJS class-validator: every failure is collected, and {@link #throwIfInvalid()}
 * answers 400 with {@code message} as an array of strings naming each field. JSON null counts as absent.
 * Not thread-safe; one instance per body.
 */
final class BodyValidator {

    private final JsonNode body;
    private final String prefix;
    private final List<String> errors;

    private BodyValidator(JsonNode body, String prefix, List<String> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Validates a JSON object body; a body that is not an object is itself a validation failure. */
    static BodyValidator forObject(JsonNode body) {
        BodyValidator validator = new BodyValidator(body, "", new ArrayList<>());
        if (body != null && !body.isObject()) {
            validator.errors.add("body must be a JSON object");
        }
        return validator;
    }

    /** Validates element {@code index} of an array body, sharing this validator's error list. */
    BodyValidator element(JsonNode element, int index) {
        BodyValidator validator = new BodyValidator(element, index + ".", errors);
        if (!element.isObject()) {
            errors.add(index + " must be a JSON object");
        }
        return validator;
    }

    static BodyValidator forArray() {
        return new BodyValidator(null, "", new ArrayList<>());
    }

    void fail(String message) {
        errors.add(message);
    }

    private JsonNode value(String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String field) {
        return value(field) != null;
    }

    String requiredString(String field) {
        JsonNode value = value(field);
        if (value == null) {
            errors.add(prefix + field + " should not be empty");
            errors.add(prefix + field + " must be a string");
            return null;
        }
        if (!value.isTextual()) {
            errors.add(prefix + field + " must be a string");
            return null;
        }
        if (value.asText().isBlank()) {
            errors.add(prefix + field + " should not be empty");
            return null;
        }
        return value.asText();
    }

    /** Present but possibly empty string (e.g. description ""). */
    String requiredStringAllowEmpty(String field) {
        JsonNode value = value(field);
        if (value == null || !value.isTextual()) {
            errors.add(prefix + field + " must be a string");
            return null;
        }
        return value.asText();
    }

    String optionalString(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(prefix + field + " must be a string");
            return null;
        }
        return value.asText();
    }

    /** Optional, but when present must be a non-blank string. */
    String optionalNonEmptyString(String field) {
        String text = optionalString(field);
        if (text != null && text.isBlank()) {
            errors.add(prefix + field + " should not be empty");
            return null;
        }
        return text;
    }

    Boolean optionalBoolean(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.add(prefix + field + " must be a boolean value");
            return null;
        }
        return value.asBoolean();
    }

    /** A JSON number (never a numeric string) of at least {@code min}, or strictly positive when {@code positive}. */
    BigDecimal requiredNumber(String field, boolean positive) {
        JsonNode value = value(field);
        if (value == null || !value.isNumber()) {
            errors.add(prefix + field + " must be a number conforming to the specified constraints");
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (positive && number.signum() <= 0) {
            errors.add(prefix + field + " must be a positive number");
            return null;
        }
        if (number.signum() < 0) {
            errors.add(prefix + field + " must not be less than 0");
            return null;
        }
        return number;
    }

    /** An integer in [min, max]; absent gives {@code defaultValue}. */
    Integer optionalIntInRange(String field, int min, int max, int defaultValue) {
        JsonNode value = value(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isNumber() || !isIntegral(value)) {
            errors.add(prefix + field + " must be an integer number");
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(BigDecimal.valueOf(min)) < 0) {
            errors.add(prefix + field + " must not be less than " + min);
            return null;
        }
        if (number.compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(prefix + field + " must not be greater than " + max);
            return null;
        }
        return number.intValueExact();
    }

    private static boolean isIntegral(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        BigDecimal decimal = value.decimalValue();
        return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
    }

    /** Exact, case-sensitive membership. */
    String requiredOneOf(String field, Collection<String> allowed) {
        JsonNode value = value(field);
        if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
            errors.add(prefix + field + " must be one of the following values: " + String.join(", ", allowed));
            return null;
        }
        return value.asText();
    }

    String optionalOneOf(String field, Collection<String> allowed) {
        return has(field) ? requiredOneOf(field, allowed) : null;
    }

    String optionalIsoDateTime(String field) {
        String text = optionalString(field);
        if (text == null) {
            return null;
        }
        try {
            OffsetDateTime.parse(text);
            return text;
        } catch (DateTimeParseException e) {
            errors.add(prefix + field + " must be a valid ISO 8601 date string");
            return null;
        }
    }

    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiError.validation(errors);
        }
    }
}
