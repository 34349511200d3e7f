package io.gradientconnector.bench.lifecycle;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Every partner key the simulation ever created, by organization, each with a printable label ({@code org-1#v2}).
 * Keys are random and never printed; reports and the {@link GradientRecorder} speak in labels. A label belongs to one
 * organization and each organization to one simulated partner, so a recorded call is attributed to a partner by its
 * key alone. Thread-safe.
 */
final class KeyBook {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> labelByKey = new HashMap<>();
    private final Map<String, String> currentKeyByOrg = new HashMap<>();
    private final Map<String, Integer> versionByOrg = new HashMap<>();

    /** A fresh key for {@code org}; it becomes the organization's current key (the caller tells the sandbox). */
    synchronized String next(String org) {
        int version = versionByOrg.merge(org, 1, Integer::sum);
        String key = "pk-" + HexFormat.of().formatHex(bytes());
        labelByKey.put(key, org + "#v" + version);
        currentKeyByOrg.put(org, key);
        return key;
    }

    synchronized String current(String org) {
        return currentKeyByOrg.get(org);
    }

    synchronized String label(String key) {
        return key == null ? "none" : labelByKey.getOrDefault(key, "unknown");
    }

    String labelOfToken(String token) {
        return label(GradientRecorder.partnerKeyOf(token));
    }

    /** The organization of a label ({@code org-1#v2} → {@code org-1}). */
    static String orgOf(String label) {
        int hash = label.indexOf('#');
        return hash < 0 ? label : label.substring(0, hash);
    }

    private static byte[] bytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }
}
