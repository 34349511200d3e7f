package io.gradientconnector.port.gradient;

import java.util.Collection;
import java.util.List;

/** Validation helpers for the request records' compact constructors. Stateless. */
public final class Checks {
    private Checks() {
    }

    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Null stays null (not sent); an explicit value must not be blank. */
    public static String optional(String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank when given");
        }
        return value;
    }

    public static void atLeastOne(String what, Object... values) {
        for (Object value : values) {
            if (value != null) {
                return;
            }
        }
        throw new IllegalArgumentException(what + " must set at least one field");
    }

    public static <T> List<T> list(Collection<T> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null).toList();
    }

    public static List<String> ids(Collection<String> ids, String field) {
        if (ids == null) {
            return List.of();
        }
        for (String id : ids) {
            required(id, field + " entry");
        }
        return List.copyOf(ids);
    }
}
