package io.gradientconnector.bench.lifecycle;

import java.util.List;

/** One broken invariant, with the history lines a reader needs to see why. */
record Violation(Invariant invariant, String message, List<String> evidence) {

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(invariant + " (item " + invariant.issueItems + "): " + message);
        evidence.stream().limit(12).forEach(line -> out.append("\n      ").append(line));
        if (evidence.size() > 12) {
            out.append("\n      … ").append(evidence.size() - 12).append(" more");
        }
        return out.toString();
    }
}
