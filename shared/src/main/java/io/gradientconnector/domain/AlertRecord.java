package io.gradientconnector.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert as the connector keeps it: what the vendor raised, and how far it got ({@link AlertStage}). Every change
 * is a new record with {@code version + 1}, stored only if the stored version is still the one it was made from, so
 * two workers never both move an alert. Immutable.
 *
 * @param attempts     sends started (claims taken)
 * @param sendingSince when the current claim was taken (while {@link AlertStage#SENDING})
 * @param messageId    Gradient's id of the queued alert, once it answered the send
 * @param polls        debug-route reads so far
 * @param ticketId     the PSA ticket, once {@link AlertStage#TICKETED}
 * @param errorStatus  the status code of a failure (the PSA's, or Gradient's answer to the send)
 * @param errors       what went wrong (Gradient's or the PSA's messages), empty otherwise
 * @param repeatOf     the open alert with the same dedup key, for a {@link AlertStage#REPEAT}
 * @param lastError    the last transient problem (a 503, an unmapped account), for the portal
 */
public record AlertRecord(VendorEvent.AlertRaised event, Instant receivedAt, AlertStage stage, int attempts,
                          Optional<Instant> sendingSince, Optional<String> messageId, Optional<Instant> sentAt,
                          int polls, Optional<String> ticketId, Optional<Integer> errorStatus, List<String> errors,
                          Optional<String> repeatOf, Optional<String> lastError, Instant updatedAt, long version) {

    public AlertRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(sendingSince, "sendingSince");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(errorStatus, "errorStatus");
        errors = List.copyOf(errors);
        Objects.requireNonNull(repeatOf, "repeatOf");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A freshly recorded alert (version 1). */
    public static AlertRecord received(VendorEvent.AlertRaised event, Instant now) {
        return new AlertRecord(event, now, AlertStage.QUEUED, 0, Optional.empty(), Optional.empty(), Optional.empty(),
                0, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), now, 1);
    }

    public AlertRef ref() {
        return event.ref();
    }

    public PartnerId partnerId() {
        return event.partnerId();
    }

    public EventId alertId() {
        return event.id();
    }

    /** Claimed for a send: the next attempt starts now. */
    public AlertRecord sending(Instant now) {
        return new AlertRecord(event, receivedAt, AlertStage.SENDING, attempts + 1, Optional.of(now), messageId, sentAt,
                polls, ticketId, errorStatus, errors, repeatOf, lastError, now, version + 1);
    }

    /** Gradient queued it as {@code id}. */
    public AlertRecord sent(String id, Instant now) {
        return new AlertRecord(event, receivedAt, AlertStage.SENT, attempts, Optional.empty(), Optional.of(id),
                Optional.of(now), polls, ticketId, errorStatus, errors, repeatOf, Optional.empty(), now, version + 1);
    }

    /** Back to {@code stage} (QUEUED, UNMAPPED, WAITING_KEY) without a send having reached Gradient. */
    public AlertRecord waiting(AlertStage next, String why, Instant now) {
        return new AlertRecord(event, receivedAt, next, attempts, Optional.empty(), messageId, sentAt, polls, ticketId,
                errorStatus, errors, repeatOf, Optional.of(why), now, version + 1);
    }

    /** One more debug-route read that left it pending (or could not be made). */
    public AlertRecord polled(String why, Instant now) {
        return new AlertRecord(event, receivedAt, stage, attempts, sendingSince, messageId, sentAt, polls + 1, ticketId,
                errorStatus, errors, repeatOf, Optional.ofNullable(why), now, version + 1);
    }

    public AlertRecord ticketed(String ticket, Instant now) {
        return new AlertRecord(event, receivedAt, AlertStage.TICKETED, attempts, Optional.empty(), messageId, sentAt,
                polls + 1, Optional.ofNullable(ticket), errorStatus, List.of(), repeatOf, Optional.empty(), now,
                version + 1);
    }

    public AlertRecord failed(Optional<Integer> status, List<String> why, Instant now) {
        return new AlertRecord(event, receivedAt, AlertStage.FAILED, attempts, Optional.empty(), messageId, sentAt,
                polls, ticketId, status, why, repeatOf, lastError, now, version + 1);
    }

    public AlertRecord unconfirmed(String why, Instant now) {
        return new AlertRecord(event, receivedAt, AlertStage.UNCONFIRMED, attempts, Optional.empty(), messageId,
                sentAt, polls, ticketId, errorStatus, errors, repeatOf, Optional.of(why), now, version + 1);
    }

    public AlertRecord repeatOf(EventId open, Instant now) {
        return new AlertRecord(event, receivedAt, AlertStage.REPEAT, attempts, Optional.empty(), messageId, sentAt,
                polls, ticketId, errorStatus, errors, Optional.of(open.value()), lastError, now, version + 1);
    }

    /** Whether Gradient ever accepted it (it has a message id). */
    public boolean wasSent() {
        return messageId.isPresent();
    }
}
