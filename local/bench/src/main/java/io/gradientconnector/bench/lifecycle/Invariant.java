package io.gradientconnector.bench.lifecycle;

/** The guarantees the checker verifies, each with the issue's number(s) it stands for. */
enum Invariant {
    KEY_FENCE("1", "once a PUT answered 200, no Gradient call for that partner started afterwards uses an older key"),
    DISCONNECT_FENCE("2", "once a DELETE answered 204, no call uses the partner's old key, and Gradient ends inactive"),
    NO_TRACE("3", "a PUT or DELETE answered 4xx/409 changed nothing in Gradient and stored no key"),
    CATALOG_ONCE("4", "each catalog service exists exactly once in Gradient"),
    VIEW_ACTIVE("5", "a view read after a count turned Gradient's integration active (and nothing since could have"
            + " changed it) says ACTIVE; so does the final view of an active integration"),
    ORG_GUARD("6", "a key of another organization is refused (unless moving) and no count lands in a foreign one"),
    INPUT_LIMITS("7", "long or multi-byte input within the limits is never a 5xx; a control character is a 400 naming the field"),
    DELIVERY_DEADLINE("7", "a webhook delivery is answered within API Gateway's 29 s; the slow-table delivery is 202 or"
            + " 503 and its rows count all of its events (202) or none (503)"),
    COUNTS("2, 7, 8, 9", "each accepted event reached Gradient: final counts equal the per-partner occurredAt-order model"),
    FOLD_INSIDE("9", "a late set inside a row's folded deltas counts in event order (off with"
            + " -Dlifecycle.foldInside=false)"),
    HANDLERS_ANSWER("-", "every handler answers (never throws)");

    final String issueItems;
    final String meaning;

    Invariant(String issueItems, String meaning) {
        this.issueItems = issueItems;
        this.meaning = meaning;
    }
}
