package io.gradientconnector.app.events;

import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.SignatureVerificationException;
import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.domain.WebhookSignature;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.EventJournal;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.PendingDeliveries;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.port.UsageLedger;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.UsageQueue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The vendor-events webhook use case: verify, validate, record, apply, queue pushes — and answer within the caller's
 * deadline. A delivery is recorded entirely or not at all (docs/WEBHOOK.md):
 *
 * <ol>
 *   <li>More than {@value #MAX_BODY_BYTES} bytes: {@link DeliveryOutcome.TooLarge}, nothing else is looked at.</li>
 *   <li>The HMAC over the raw bytes, before any parsing ({@link WebhookSignature}: constant time, 300 s window,
 *       current and previous secret): {@link DeliveryOutcome.BadSignature} naming the header.</li>
 *   <li>JSON and every event ({@link VendorEventParser}, which also checks every id fits the store):
 *       {@link DeliveryOutcome.Invalid} listing each bad field; nothing recorded.</li>
 *   <li>Less than {@link #STAGE_BUDGET} left before the deadline: {@link DeliveryOutcome.Unavailable}, nothing
 *       recorded.</li>
 *   <li>The commit point: {@link PendingDeliveries#stage} writes every event of the delivery in one item. If it
 *       fails, {@link DeliveryOutcome.Unavailable}: nothing recorded (or, when the write's outcome is unknown,
 *       everything, and the retry counts as duplicates).</li>
 *   <li>From here on the delivery is recorded and the answer is {@link DeliveryOutcome.Accepted}: its events are
 *       applied to the journal — up to {@link Builder#applyConcurrency} accounts at once — and their pushes queued
 *       until the deadline ({@link DeliveryApplication}); what is not
 *       applied by then, or after a store or queue failure, is counted {@code pending} and finished by
 *       {@link PendingDeliverySweep}.</li>
 * </ol>
 *
 * <p>Thread-safe if its collaborators are.
 */
public final class VendorEventsService {

    public static final int MAX_BODY_BYTES = 256 * 1024;
    /**
     * Lanes of a delivery applied at once by default: enough to hide a slow table's latency behind a 100-event
     * delivery, few enough for one container's HTTP connections.
     */
    public static final int DEFAULT_APPLY_CONCURRENCY = 8;
    public static final int MAX_APPLY_CONCURRENCY = 64;
    /** Time kept for the commit point's one write: with less left, the delivery is refused before anything is written. */
    public static final Duration STAGE_BUDGET = Duration.ofSeconds(2);
    /** The deadline of {@link #accept(String, String, byte[])}: API Gateway's 29 s less the Lambda margin of 5 s. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(24);

    private final KeyVault keyVault;
    private final VendorEventParser parser;
    private final PendingDeliveries deliveries;
    private final DeliveryApplication application;
    private final Clock clock;
    private final JsonLog log;

    private VendorEventsService(Builder b) {
        this.keyVault = Objects.requireNonNull(b.keyVault, "keyVault");
        this.parser = VendorEventParser.create(Objects.requireNonNull(b.catalog, "catalog"),
                Objects.requireNonNull(b.clock, "clock"));
        this.deliveries = Objects.requireNonNull(b.deliveries, "deliveries");
        this.clock = b.clock;
        this.log = Objects.requireNonNull(b.log, "log");
        this.application = new DeliveryApplication(Objects.requireNonNull(b.journal, "journal"),
                Objects.requireNonNull(b.ledger, "ledger"), Objects.requireNonNull(b.partners, "partners"),
                Objects.requireNonNull(b.queue, "queue"),
                b.alertQueue == null ? DeliveryApplication.NO_ALERT_QUEUE : b.alertQueue, deliveries, clock, log,
                b.applyConcurrency);
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
        return accept(timestampHeader, signatureHeader, rawBody, clock.instant().plus(DEFAULT_BUDGET));
    }

    /**
     * Handles one delivery, answering by {@code deadline} (the handler's: API Gateway's limit less a margin); store,
     * queue and secret failures are outcomes, not exceptions.
     */
    public DeliveryOutcome accept(String timestampHeader, String signatureHeader, byte[] rawBody, Instant deadline) {
        Objects.requireNonNull(rawBody, "rawBody");
        Objects.requireNonNull(deadline, "deadline");
        if (rawBody.length > MAX_BODY_BYTES) {
            return new DeliveryOutcome.TooLarge(MAX_BODY_BYTES);
        }
        Optional<DeliveryOutcome> refused = verify(timestampHeader, signatureHeader, rawBody);
        if (refused.isPresent()) {
            return refused.get();
        }
        return switch (parser.parse(rawBody)) {
            case VendorEventParser.Rejected rejected -> new DeliveryOutcome.Invalid(rejected.errors());
            case VendorEventParser.Parsed parsed -> record(parsed.events(), rawBody, deadline);
        };
    }

    private DeliveryOutcome record(List<VendorEvent> events, byte[] rawBody, Instant deadline) {
        Instant now = clock.instant();
        if (now.plus(STAGE_BUDGET).isAfter(deadline)) {
            log.warn("too little time left to record the delivery; nothing recorded");
            return new DeliveryOutcome.Unavailable("the delivery could not be recorded in time; nothing was recorded,"
                    + " retry the delivery");
        }
        StagedDelivery delivery = new StagedDelivery(deliveryId(rawBody), now, events);
        try {
            deliveries.stage(delivery);
        } catch (StoreUnavailableException e) {
            log.error("delivery not recorded; the sender should retry", e);
            return new DeliveryOutcome.Unavailable("events could not be stored right now; retry the delivery");
        }
        DeliveryApplication.Applied applied = application.apply(delivery, deadline);
        return new DeliveryOutcome.Accepted(applied.accepted(), applied.duplicates(), applied.pending());
    }

    /** SHA-256 of the body: a redelivery of the same body is the same staged delivery. */
    private static String deliveryId(byte[] rawBody) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawBody));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
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

    /** All fields but {@link #applyConcurrency} are required. Not thread-safe. */
    public static final class Builder {
        private KeyVault keyVault;
        private ServiceCatalog catalog;
        private EventJournal journal;
        private UsageLedger ledger;
        private PartnerStore partners;
        private UsageQueue queue;
        private AlertQueue alertQueue;
        private PendingDeliveries deliveries;
        private Clock clock;
        private JsonLog log;
        private int applyConcurrency = DEFAULT_APPLY_CONCURRENCY;

        private Builder() {
        }

        /**
         * How many lanes of a delivery (its events grouped by account, see {@link DeliveryLanes}) are applied at
         * once; 1 applies the events one by one in delivery order. Optional, default
         * {@value #DEFAULT_APPLY_CONCURRENCY}, at most {@value #MAX_APPLY_CONCURRENCY}.
         */
        public Builder applyConcurrency(int value) {
            this.applyConcurrency = value;
            return this;
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

        /** Where recorded alerts are queued for dispatch; without one, a delivery holding an alert stays pending. */
        public Builder alertQueue(AlertQueue value) {
            this.alertQueue = value;
            return this;
        }

        public Builder deliveries(PendingDeliveries value) {
            this.deliveries = value;
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
