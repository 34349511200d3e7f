package io.gradientconnector.app.events;

import io.gradientconnector.domain.SignatureVerificationException;
import io.gradientconnector.domain.WebhookSignature;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.port.UsageQueue;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.port.EventJournal;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.port.Page;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.domain.RecordResult;
import io.gradientconnector.port.StoreConflictException;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.port.UsageLedger;
import io.gradientconnector.domain.UsageRowKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor-events webhook use case: verify, validate, record, queue pushes — in that order, and report
 * {@link DeliveryOutcome.Accepted} only when all of it is durable.
 *
 * <ol>
 *   <li>More than {@value #MAX_BODY_BYTES} bytes: {@link DeliveryOutcome.TooLarge}, nothing else is looked at.</li>
 *   <li>The HMAC over the raw bytes, before any parsing ({@link WebhookSignature}: constant time, 300 s window,
 *       current and previous secret): {@link DeliveryOutcome.BadSignature} naming the header.</li>
 *   <li>JSON and every event ({@link VendorEventParser}): {@link DeliveryOutcome.Invalid} listing each bad field;
 *       nothing recorded.</li>
 *   <li>{@link EventJournal#record} per event, in delivery order (a repeated id within one delivery is a
 *       duplicate like any other).</li>
 *   <li>One {@link PushRequest} per ledger row that changed, <em>and</em> per row a duplicate event touches: if an
 *       earlier delivery crashed between recording and queueing, its redelivery is all duplicates, and still queues
 *       the pushes. Only rows of connected partners (PENDING/ACTIVE) are queued; the others stay in the ledger,
 *       which is authoritative, until the account sync pushes them.</li>
 * </ol>
 * A store, queue or secret failure is {@link DeliveryOutcome.Unavailable}: the sender retries, and recording is
 * idempotent. Rows already queued
 * before a failure are harmless (the worker reads the row's current count).
 *
 * <p>Thread-safe if its collaborators are.
 */
public final class VendorEventsService {

    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final int ROW_PAGE = 100;

    private final KeyVault keyVault;
    private final VendorEventParser parser;
    private final EventJournal journal;
    private final UsageLedger ledger;
    private final PartnerStore partners;
    private final UsageQueue queue;
    private final Clock clock;
    private final JsonLog log;

    private VendorEventsService(Builder b) {
        this.keyVault = Objects.requireNonNull(b.keyVault, "keyVault");
        this.parser = VendorEventParser.create(Objects.requireNonNull(b.catalog, "catalog"),
                Objects.requireNonNull(b.clock, "clock"));
        this.journal = Objects.requireNonNull(b.journal, "journal");
        this.ledger = Objects.requireNonNull(b.ledger, "ledger");
        this.partners = Objects.requireNonNull(b.partners, "partners");
        this.queue = Objects.requireNonNull(b.queue, "queue");
        this.clock = b.clock;
        this.log = Objects.requireNonNull(b.log, "log");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Handles one delivery; store, queue and secret failures are {@link DeliveryOutcome.Unavailable}, not exceptions.
     *
     * @param timestampHeader value of {@value WebhookSignature#TIMESTAMP_HEADER}, may be null
     * @param signatureHeader value of {@value WebhookSignature#SIGNATURE_HEADER}, may be null
     * @param rawBody         the body bytes exactly as received
     */
    public DeliveryOutcome accept(String timestampHeader, String signatureHeader, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (rawBody.length > MAX_BODY_BYTES) {
            return new DeliveryOutcome.TooLarge(MAX_BODY_BYTES);
        }
        Optional<DeliveryOutcome> refused = verify(timestampHeader, signatureHeader, rawBody);
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (parser.parse(rawBody)) {
            case VendorEventParser.Rejected rejected -> new DeliveryOutcome.Invalid(rejected.errors());
            case VendorEventParser.Parsed parsed -> record(parsed.events());
        };
    }

    private DeliveryOutcome record(List<VendorEvent> events) {
        try {
            return recordAndQueue(events);
        } catch (StoreConflictException | StoreUnavailableException | QueueException e) {
            log.error("delivery not fully recorded or queued; the sender should retry", e);
            return new DeliveryOutcome.Unavailable("events could not be stored right now; retry the delivery");
        }
    }

    /** Empty when the signature verifies; otherwise why the delivery is refused. */
    private Optional<DeliveryOutcome> verify(String timestampHeader, String signatureHeader, byte[] rawBody) {
        List<String> secrets;
        try {
            secrets = keyVault.webhookSecrets().candidates().stream().map(Secret::reveal).toList();
        } catch (KeyVaultException e) {
            log.error("webhook signing secret unavailable", e);
            return Optional.of(new DeliveryOutcome.Unavailable(
                    "the signature cannot be checked right now; retry the delivery"));
        }
        try {
            WebhookSignature.verifier(secrets, WebhookSignature.DEFAULT_TOLERANCE, clock)
                    .verify(timestampHeader, signatureHeader, rawBody);
            return Optional.empty();
        } catch (SignatureVerificationException e) {
            String header = e.getMessage().startsWith(WebhookSignature.TIMESTAMP_HEADER)
                    ? WebhookSignature.TIMESTAMP_HEADER
                    : WebhookSignature.SIGNATURE_HEADER;
            return Optional.of(new DeliveryOutcome.BadSignature(header, e.getMessage()));
        }
    }

    private DeliveryOutcome.Accepted recordAndQueue(List<VendorEvent> events) {
        int duplicates = 0;
        Set<UsageRowKey> rows = new LinkedHashSet<>();
        for (VendorEvent event : events) {
            RecordResult result = journal.record(event);
            rows.addAll(result.changedRows());
            if (result.outcome() == RecordOutcome.DUPLICATE) {
                duplicates++;
                rows.addAll(rowsTouchedBy(event));
            }
            if (log.isEnabled(JsonLog.Level.DEBUG)) {
                log.with("eventId", event.id().value()).with("partnerId", event.partnerId().value())
                        .with("type", event.type()).with("outcome", result.outcome().name())
                        .debug("event recorded");
            }
        }
        List<PushRequest> requests = pushRequests(rows);
        if (!requests.isEmpty()) {
            queue.enqueue(requests);
        }
        return new DeliveryOutcome.Accepted(events.size() - duplicates, duplicates);
    }

    /** The ledger rows an event acts on, for re-queueing after a redelivery. */
    private List<UsageRowKey> rowsTouchedBy(VendorEvent event) {
        return switch (event) {
            case VendorEvent.UsageEvent usage -> List.of(new UsageRowKey(usage.partnerId(), usage.accountId(), usage.service()));
            case VendorEvent.AccountDeleted deleted -> {
                List<UsageRowKey> keys = new ArrayList<>();
                Optional<String> cursor = Optional.empty();
                do {
                    Page<LedgerRow> page = ledger.listForAccount(deleted.partnerId(), deleted.accountId(), cursor, ROW_PAGE);
                    page.items().forEach(row -> keys.add(row.key()));
                    cursor = page.nextCursor();
                } while (cursor.isPresent());
                yield keys;
            }
            case VendorEvent.AccountUpserted upserted -> List.of();
        };
    }

    private List<PushRequest> pushRequests(Set<UsageRowKey> rows) {
        Map<PartnerId, Boolean> connected = new LinkedHashMap<>();
        List<PushRequest> requests = new ArrayList<>();
        for (UsageRowKey row : rows) {
            boolean push = connected.computeIfAbsent(row.partnerId(), id -> partners.get(id)
                    .map(PartnerRecord::status)
                    .map(s -> s == PartnerStatus.PENDING || s == PartnerStatus.ACTIVE)
                    .orElse(false));
            if (push) {
                requests.add(new PushRequest(row.partnerId(), row.accountId(), row.service()));
            }
        }
        return requests;
    }

    /** All fields are required. Not thread-safe. */
    public static final class Builder {
        private KeyVault keyVault;
        private ServiceCatalog catalog;
        private EventJournal journal;
        private UsageLedger ledger;
        private PartnerStore partners;
        private UsageQueue queue;
        private Clock clock;
        private JsonLog log;

        private Builder() {
        }

        public Builder keyVault(KeyVault value) {
            this.keyVault = value;
            return this;
        }

        public Builder catalog(ServiceCatalog value) {
            this.catalog = value;
            return this;
        }

        public Builder journal(EventJournal value) {
            this.journal = value;
            return this;
        }

        public Builder ledger(UsageLedger value) {
            this.ledger = value;
            return this;
        }

        public Builder partners(PartnerStore value) {
            this.partners = value;
            return this;
        }

        public Builder queue(UsageQueue value) {
            this.queue = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder log(JsonLog value) {
            this.log = value;
            return this;
        }

        public VendorEventsService build() {
            return new VendorEventsService(this);
        }
    }
}
