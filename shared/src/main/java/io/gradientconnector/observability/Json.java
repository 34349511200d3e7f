package io.gradientconnector.observability;

/**
 * The few bits of JSON writing that log lines and EMF documents need. Hand-written so that the
 * first log line of a cold start costs no ObjectMapper initialisation. Stateless, thread-safe.
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** Appends {@code value} as a quoted JSON string (RFC 8259 escaping; control characters as \\u00XX). */
    static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // U+2028/2029 are valid JSON but break some line-oriented readers; escape them too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) && !isPairedAt(value, i)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Appends a finite number; non-finite values have no JSON form and are written as null. */
    static StringBuilder number(StringBuilder out, double value) {
        if (!Double.isFinite(value)) {
            return out.append("null");
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return out.append((long) value);
        }
        return out.append(value);
    }

    /**
     * The first {@code max} characters of {@code value} followed by a marker, never splitting a
     * surrogate pair; {@code value} itself when it is short enough.
     */
    static String truncate(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = max;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "...(truncated " + (value.length() - end) + " chars)";
    }

    private static boolean isPairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
