package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.GradientCredentials;

/** Removes key material from text that will end up in an exception or a log line. Stateless. */
final class Redaction {
    private static final String MASK = "****";

    private Redaction() {
    }

    /** Gradient could echo a header back in an error message; never let that reach a message. */
    static String scrub(String text, GradientCredentials credentials) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String scrubbed = text.replace(credentials.token(), MASK);
        scrubbed = scrubbed.replace(credentials.vendorKey(), MASK);
        return scrubbed.replace(credentials.partnerKey(), MASK);
    }
}
