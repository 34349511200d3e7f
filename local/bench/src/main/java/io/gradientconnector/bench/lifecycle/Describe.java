package io.gradientconnector.bench.lifecycle;

import java.util.stream.Collectors;

/** Short, key-free descriptions of steps and events for reports (long ids are abbreviated, control chars shown). */
final class Describe {
    private Describe() {
    }

    static String op(Op op) {
        return switch (op) {
            case Op.Put p -> "PUT partner-" + p.partner() + " key of " + p.org()
                    + (p.regenerateFirst() ? " (regenerated first)" : "") + (p.move() ? " move=true" : "");
            case Op.PutLongPartnerId p -> "PUT " + text(p.partnerId());
            case Op.Delete d -> "DELETE partner-" + d.partner();
            case Op.Get g -> "GET partner-" + g.partner();
            case Op.Regenerate r -> "MSP regenerates key of " + r.org();
            case Op.MspDisconnect m -> "MSP disconnects " + m.org();
            case Op.Sync s -> "sync partner-" + s.partner();
            case Op.DrainUsage d -> "usage-push drain";
            case Op.DrainSync d -> "sync-queue drain";
            case Op.Deliver d -> delivery(d.delivery());
            case Op.Faults f -> "sandbox faults " + f;
        };
    }

    static String delivery(Delivery d) {
        return "delivery d" + d.number() + (d.isResend() ? " (re-send of d" + d.resendOf() + ")" : "")
                + (d.kind() == Delivery.Kind.NORMAL ? "" : " " + d.kind()) + " "
                + d.events().stream().map(Describe::event).collect(Collectors.joining(", ", "[", "]"));
    }

    static String event(Delivery.Event e) {
        return text(e.id()) + " p" + e.partner() + " " + e.type().replace("usage.", "").replace("account.", "")
                + (e.usage() ? " " + text(e.accountId()) + "/" + e.service() + " " + e.quantity() : " " + text(e.accountId()))
                + " @" + e.occurredAt();
    }

    /** Long ids shortened to {@code head…(n chars)}; control characters shown as {@code \\uXXXX}. */
    static String text(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(24).forEach(c -> out.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return s.length() > 24 ? out + "…(" + s.length() + " chars)" : out.toString();
    }
}
