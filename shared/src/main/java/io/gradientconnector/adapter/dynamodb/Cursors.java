package io.gradientconnector.adapter.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opaque page cursors: the key attributes where a listing stopped, as base64url of
 * {@code name=value} lines (names and values are ASCII keys, never containing a newline). A
 * cursor that does not decode is a caller error ({@link IllegalArgumentException} naming "cursor").
 */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(Map<String, String> key) {
        StringBuilder text = new StringBuilder();
        key.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<Map<String, String>> decode(Optional<String> cursor, List<String> expectedNames) {
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> key = new LinkedHashMap<>();
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("cursor is not valid");
                }
                key.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not valid");
        }
        if (!new ArrayList<>(key.keySet()).equals(expectedNames)) {
            throw new IllegalArgumentException("cursor is not valid");
        }
        return Optional.of(key);
    }
}
