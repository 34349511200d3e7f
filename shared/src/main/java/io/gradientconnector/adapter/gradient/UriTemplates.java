package io.gradientconnector.adapter.gradient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands route templates with percent-encoded values. Stateless. */
final class UriTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriTemplates() {
    }

    /** {@code base} (host root, maybe with a prefix path) + expanded template + query. */
    static URI expand(URI base, String template, Map<String, String> values, List<Map.Entry<String, String>> query) {
        StringBuilder uri = new StringBuilder(stripTrailingSlash(base.toString()));
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            uri.append(template, last, m.start());
            String value = values.get(m.group(1));
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException(m.group(1) + " is required");
            }
            uri.append(encodeSegment(value));
            last = m.end();
        }
        uri.append(template, last, template.length());
        char separator = '?';
        for (Map.Entry<String, String> parameter : query) {
            uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    /**
     * One path segment: everything but RFC 3986 unreserved characters is percent-encoded, so
     * spaces, '/', '#', '?' and '%' in vendor ids stay inside their segment. A segment of dots
     * only is encoded entirely, so it cannot act as "." or "..".
     */
    static String encodeSegment(String value) {
        if (value.chars().allMatch(c -> c == '.')) {
            return "%2E".repeat(value.length());
        }
        return encode(value);
    }

    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static String stripTrailingSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
