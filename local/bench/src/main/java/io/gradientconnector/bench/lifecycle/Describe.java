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
            case Op.Burst b -> "burst of " + b.deliveries().size() + " deliveries";
            case Op.Schedule s -> "account-sync schedule (fan-out, pending-delivery sweep)";
            case Op.Faults f -> "sandbox faults " + f;
        };
    }

    static String delivery(Delivery d) {
        return "delivery d" + d.number() + (d.isResend() ? " (re-send of d" + d.resendOf() + ")" : "")
                + (d.kind() == Delivery.Kind.NORMAL ? "" : " " + d.kind()) + " "
                + events(d.events());
    }

    /** The events, or for a long list its first and last few and how many there are. */
    static String events(java.util.List<Delivery.Event> events) {
        if (events.size() <= 12) {
            return events.stream().map(Describe::event).collect(Collectors.joining(", ", "[", "]"));
        }
        return events.subList(0, 4).stream().map(Describe::event).collect(Collectors.joining(", ", "[", ", …"))
                + " (" + events.size() + " events) … " + events.subList(events.size() - 3, events.size()).stream()
                .map(Describe::event).collect(Collectors.joining(", ", "", "]"));
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
