package io.gradientconnector.app.events;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a verified webhook body into {@link VendorEvent}s, validating every event before any is used: either all
 * events are valid ({@link Parsed}), or {@link Rejected} lists every problem as a {@link FieldError} naming its
 * field as a JSON path ({@code events[3].quantity} in the batch form, {@code quantity} for a single event,
 * {@code body} when the body is not a JSON object). Nothing is recorded for a body that fails, so a sender can fix
 * and resend the whole delivery.
 *
 * <p>Rules (docs/WEBHOOK.md): the body is one event or {@code {"events": [...]}} with 1 to
 * {@value #MAX_EVENTS} events (more is a 400 naming {@code events}: it is a malformed delivery, not a large one —
 * the byte limit answers 413 before parsing); unknown fields are rejected everywhere; {@code occurredAt} is ISO-8601
 * with an offset and at most {@link #MAX_FUTURE} ahead of our clock; {@code quantity} is a JSON number (a string
 * is rejected), {@code >= 0} for a set and {@code > 0} for add/subtract, at most 10^12, at most 6 decimals;
 * {@code service} must be a SKU of the service catalog (a plain service's SKU is its key; a composite's are listed
 * in its {@code skus}), and its quantity is in that SKU's raw unit (the catalog converts the sum).
 *
 * <p>Immutable and thread-safe.
 */
public final class VendorEventParser {

    public static final int MAX_EVENTS = 100;
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    /** Enough to fix a delivery; a body with more problems is bounded so the answer stays small. */
    static final int MAX_ERRORS = 100;

    private static final Set<String> COMMON = Set.of("id", "type", "partnerId", "occurredAt");
    private static final Map<String, Set<String>> FIELDS_BY_TYPE = Map.of(
            VendorEvent.AccountUpserted.TYPE, Set.of("account"),
            VendorEvent.AccountDeleted.TYPE, Set.of("accountId"),
            VendorEvent.UsageSet.TYPE, Set.of("accountId", "service", "quantity"),
            VendorEvent.UsageAdd.TYPE, Set.of("accountId", "service", "quantity"),
            VendorEvent.UsageSubtract.TYPE, Set.of("accountId", "service", "quantity"),
            VendorEvent.AlertRaised.TYPE, Set.of("accountId", "title", "description", "priority", "status",
                    "serviceId", "dedupKey"));
    private static final Set<String> ACCOUNT_FIELDS = Set.of("id", "name", "description");
    private static final String TYPES = String.join(", ", List.of(VendorEvent.AccountUpserted.TYPE,
            VendorEvent.AccountDeleted.TYPE, VendorEvent.UsageSet.TYPE, VendorEvent.UsageAdd.TYPE,
            VendorEvent.UsageSubtract.TYPE, VendorEvent.AlertRaised.TYPE));

    /** What a body holds: all of its events, or every problem found. */
    public sealed interface Result {
    }

    /** Every event of the body, in delivery order. */
    public record Parsed(List<VendorEvent> events) implements Result {
        public Parsed {
            events = List.copyOf(events);
        }
    }

    /** The body's problems (at most {@value #MAX_ERRORS}), never empty. */
    public record Rejected(List<FieldError> errors) implements Result {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("errors must not be empty");
            }
        }
    }

    private final ServiceCatalog catalog;
    private final Clock clock;
    private final ObjectMapper mapper;

    private VendorEventParser(ServiceCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
        // The same limits as the API bodies of the other routes (lambda.JsonBodies), read here so that a bad body
        // is an outcome of the use case rather than an HTTP exception.
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // Quantities stay exactly as sent (no float rounding, no stripped zeros).
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                // Two values for one key would let the signed body mean two things; refuse it.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxNumberLength(64).maxStringLength(VendorEventsService.MAX_BODY_BYTES).build());
    }

    public static VendorEventParser create(ServiceCatalog catalog, Clock clock) {
        return new VendorEventParser(Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(clock, "clock"));
    }

    /** The events of the raw body (already size-checked and verified): JSON first, then every event. */
    public Result parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        if (body.length == 0) {
            return rejected("body", "is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonParseException e) {
            return rejected("body", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            return rejected("body", "is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return rejected("body", "must be a JSON object");
        }
        return parse((ObjectNode) node);
    }

    /** The events of {@code body}, in delivery order, or every problem found. */
    public Result parse(ObjectNode body) {
        Objects.requireNonNull(body, "body");
        Errors errors = new Errors();
        Instant now = clock.instant();
        List<VendorEvent> events = new ArrayList<>();
        if (!body.has("events")) {
            VendorEvent event = parseEvent(body, "", errors, now);
            if (event != null) {
                events.add(event);
            }
        } else {
            unknownFields(body, Set.of("events"), "", errors);
            JsonNode list = body.get("events");
            if (!list.isArray()) {
                errors.add("events", "must be an array of events");
            } else if (list.isEmpty() || list.size() > MAX_EVENTS) {
                errors.add("events", "must hold 1 to " + MAX_EVENTS + " events, had " + list.size());
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String prefix = "events[" + i + "].";
                    JsonNode item = list.get(i);
                    if (!item.isObject()) {
                        errors.add("events[" + i + "]", "must be a JSON object");
                        continue;
                    }
                    VendorEvent event = parseEvent((ObjectNode) item, prefix, errors, now);
                    if (event != null) {
                        events.add(event);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Rejected(errors.list);
        }
        return new Parsed(events);
    }

    private static Rejected rejected(String field, String message) {
        return new Rejected(List.of(new FieldError(field, message)));
    }

    /** The event, or null when any of its fields was invalid (then each problem is in {@code errors}). */
    private VendorEvent parseEvent(ObjectNode node, String prefix, Errors errors, Instant now) {
        int before = errors.size();
        EventId id = value(node, "id", prefix, errors, EventId::of);
        PartnerId partnerId = value(node, "partnerId", prefix, errors, PartnerId::of);
        Instant occurredAt = occurredAt(node, prefix, errors, now);
        String type = text(node, "type", prefix, errors);
        Set<String> typeFields = type == null ? null : FIELDS_BY_TYPE.get(type);
        if (type != null && typeFields == null) {
            errors.add(prefix + "type", "must be one of " + TYPES);
        }
        if (typeFields == null) {
            return null; // without a known type the other fields cannot be judged
        }
        Set<String> allowed = new java.util.HashSet<>(COMMON);
        allowed.addAll(typeFields);
        unknownFields(node, allowed, prefix, errors);
        VendorEvent event = switch (type) {
            case VendorEvent.AccountUpserted.TYPE -> {
                VendorAccount account = account(node, prefix, errors);
                yield errors.size() == before ? new VendorEvent.AccountUpserted(id, partnerId, occurredAt, account) : null;
            }
            case VendorEvent.AccountDeleted.TYPE -> {
                AccountId accountId = value(node, "accountId", prefix, errors, AccountId::of);
                yield errors.size() == before ? new VendorEvent.AccountDeleted(id, partnerId, occurredAt, accountId) : null;
            }
            case VendorEvent.AlertRaised.TYPE -> alert(node, prefix, errors, id, partnerId, occurredAt, before);
            default -> usage(node, type, prefix, errors, id, partnerId, occurredAt, before);
        };
        return event;
    }

    private VendorEvent usage(ObjectNode node, String type, String prefix, Errors errors, EventId id,
                              PartnerId partnerId, Instant occurredAt, int before) {
        AccountId accountId = value(node, "accountId", prefix, errors, AccountId::of);
        ServiceKey service = value(node, "service", prefix, errors, ServiceKey::of);
        if (service != null && !catalog.hasSku(service)) {
            errors.add(prefix + "service", "is not a SKU of the service catalog");
            service = null;
        }
        Quantity quantity = quantity(node, prefix, errors, !type.equals(VendorEvent.UsageSet.TYPE));
        if (errors.size() != before) {
            return null;
        }
        return switch (type) {
            case VendorEvent.UsageSet.TYPE -> new VendorEvent.UsageSet(id, partnerId, occurredAt, accountId, service, quantity);
            case VendorEvent.UsageAdd.TYPE -> new VendorEvent.UsageAdd(id, partnerId, occurredAt, accountId, service, quantity);
            default -> new VendorEvent.UsageSubtract(id, partnerId, occurredAt, accountId, service, quantity);
        };
    }

    /** {@code alert.raised}: texts kept exactly as sent; {@code serviceId} must be a catalog key. */
    private VendorEvent alert(ObjectNode node, String prefix, Errors errors, EventId id, PartnerId partnerId,
                              Instant occurredAt, int before) {
        AccountId accountId = value(node, "accountId", prefix, errors, AccountId::of);
        String title = checkedText(node, "title", prefix, errors, VendorEvent.AlertRaised::requireTitle);
        String description = checkedText(node, "description", prefix, errors,
                VendorEvent.AlertRaised::requireDescription);
        Integer priority = wholeNumber(node, "priority", prefix, errors, 1, 4);
        Integer status = wholeNumber(node, "status", prefix, errors, 1, 6);
        ServiceKey service = null;
        if (node.hasNonNull("serviceId")) {
            service = value(node, "serviceId", prefix, errors, ServiceKey::of);
            if (service != null && !catalog.contains(service)) {
                errors.add(prefix + "serviceId", "is not a service of the catalog");
                service = null;
            }
        }
        String dedupKey = node.hasNonNull("dedupKey")
                ? checkedText(node, "dedupKey", prefix, errors, VendorEvent.AlertRaised::requireDedupKey) : null;
        if (errors.size() != before) {
            return null;
        }
        return new VendorEvent.AlertRaised(id, partnerId, occurredAt, accountId, title, description, priority, status,
                java.util.Optional.ofNullable(service), java.util.Optional.ofNullable(dedupKey));
    }

    /** A required string field passed through {@code check}; its message (minus the subject) names the problem. */
    private static String checkedText(ObjectNode node, String name, String prefix, Errors errors,
                                      Function<String, String> check) {
        String text = text(node, name, prefix, errors);
        return text == null ? null : checked(text, check, prefix + name, errors);
    }

    /** A required JSON integer within [min, max] (a string or a fraction is rejected). */
    private static Integer wholeNumber(ObjectNode node, String name, String prefix, Errors errors, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            errors.add(prefix + name, "is required");
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            errors.add(prefix + name, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.intValue();
    }

    private static VendorAccount account(ObjectNode node, String prefix, Errors errors) {
        JsonNode account = node.get("account");
        String where = prefix + "account";
        if (account == null || account.isNull()) {
            errors.add(where, "is required");
            return null;
        }
        if (!account.isObject()) {
            errors.add(where, "must be a JSON object");
            return null;
        }
        ObjectNode object = (ObjectNode) account;
        String inner = where + ".";
        int before = errors.size();
        unknownFields(object, ACCOUNT_FIELDS, inner, errors);
        AccountId id = value(object, "id", inner, errors, AccountId::of);
        String name = text(object, "name", inner, errors);
        if (name != null && name.isBlank()) {
            errors.add(inner + "name", "must not be blank");
            name = null;
        } else if (name != null && name.strip().length() > VendorAccount.MAX_NAME_LENGTH) {
            errors.add(inner + "name", "must be 1 to " + VendorAccount.MAX_NAME_LENGTH + " characters");
            name = null;
        } else if (name != null) {
            name = checked(name, VendorAccount::requireName, inner + "name", errors);
        }
        String description = null;
        JsonNode desc = object.get("description");
        if (desc != null && !desc.isNull()) {
            if (!desc.isTextual()) {
                errors.add(inner + "description", "must be a string");
            } else if (desc.asText().strip().length() > VendorAccount.MAX_DESCRIPTION_LENGTH) {
                errors.add(inner + "description", "must be at most " + VendorAccount.MAX_DESCRIPTION_LENGTH
                        + " characters");
            } else {
                description = checked(desc.asText(), VendorAccount::requireDescription, inner + "description", errors);
            }
        }
        if (errors.size() != before) {
            return null;
        }
        try {
            return new VendorAccount(id, name, description);
        } catch (IllegalArgumentException e) {
            // "account.name must be ..." names the inner field; anything else is about the account as a whole.
            String subject = e.getMessage() == null ? "" : e.getMessage().split(" ", 2)[0];
            errors.add(subject.startsWith("account.") ? prefix + subject : where, withoutSubject(e.getMessage()));
            return null;
        }
    }

    /** {@code check(text)}, or null with the check's message (minus its subject) recorded against {@code field}. */
    private static String checked(String text, Function<String, String> check, String field, Errors errors) {
        try {
            return check.apply(text);
        } catch (IllegalArgumentException e) {
            errors.add(field, withoutSubject(e.getMessage()));
            return null;
        }
    }

    private static Instant occurredAt(ObjectNode node, String prefix, Errors errors, Instant now) {
        String text = text(node, "occurredAt", prefix, errors);
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(prefix + "occurredAt", "must be an ISO-8601 date-time with an offset, e.g. 2025-01-31T12:00:00Z");
            return null;
        }
        if (at.isAfter(now.plus(MAX_FUTURE))) {
            errors.add(prefix + "occurredAt", "must not be more than " + MAX_FUTURE.toMinutes() + " minutes in the future");
            return null;
        }
        return at;
    }

    private static Quantity quantity(ObjectNode node, String prefix, Errors errors, boolean positive) {
        String field = prefix + "quantity";
        JsonNode value = node.get("quantity");
        if (value == null || value.isNull()) {
            errors.add(field, "is required");
            return null;
        }
        if (!value.isNumber()) {
            errors.add(field, "must be a JSON number");
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (positive && number.signum() <= 0) {
            errors.add(field, "must be greater than 0");
            return null;
        }
        try {
            return new Quantity(number);
        } catch (IllegalArgumentException e) {
            errors.add(field, withoutSubject(e.getMessage()));
            return null;
        }
    }

    /** A string field turned into a value record; the record's own message (minus its subject) explains a failure. */
    private static <T> T value(ObjectNode node, String name, String prefix, Errors errors, Function<String, T> factory) {
        String text = text(node, name, prefix, errors);
        if (text == null) {
            return null;
        }
        try {
            return factory.apply(text);
        } catch (IllegalArgumentException e) {
            errors.add(prefix + name, withoutSubject(e.getMessage()));
            return null;
        }
    }

    private static String text(ObjectNode node, String name, String prefix, Errors errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            errors.add(prefix + name, "is required");
            return null;
        }
        if (!value.isTextual()) {
            errors.add(prefix + name, "must be a string");
            return null;
        }
        return value.asText();
    }

    private static void unknownFields(ObjectNode node, Set<String> allowed, String prefix, Errors errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                // The name is the sender's own text: bounded, so a huge key cannot bloat the answer.
                String shown = name.length() > 64 ? name.substring(0, 64) + "..." : name;
                errors.add(prefix + shown, "is not a known field");
            }
        }
    }

    /** "accountId must be ..." → "must be ...": the field is named by the error's path already. */
    static String withoutSubject(String message) {
        return message == null ? "is invalid" : message.replaceFirst("^[A-Za-z.]+ (?=(must|is) )", "");
    }

    /** Collects field errors, bounded. */
    private static final class Errors {
        private final List<FieldError> list = new ArrayList<>();
        private int total;

        void add(String field, String message) {
            total++;
            if (list.size() < MAX_ERRORS) {
                list.add(new FieldError(field, message));
            }
        }

        int size() {
            return total;
        }

        boolean isEmpty() {
            return total == 0;
        }
    }
}
