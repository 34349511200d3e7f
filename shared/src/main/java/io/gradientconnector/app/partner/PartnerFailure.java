package io.gradientconnector.app.partner;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.ConflictException;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.NotFoundException;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.gradient.UnexpectedStatusException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a partner use case could not do what was asked: one subtype per answer the portal gets, so the handler maps
 * them with one exhaustive switch. Messages are fixed texts plus the partner id: never a key, never Gradient's body.
 * Gradient failures keep Gradient's route and status for the log line.
 */
public abstract sealed class PartnerFailure extends RuntimeException {

    private PartnerFailure(String message) {
        super(message, null, false, false);
    }

    /** The partner is unknown or disconnected. */
    public static final class NotConnected extends PartnerFailure {
        public NotConnected(PartnerId partnerId) {
            super("partner " + partnerId.value() + " is not connected to Gradient");
        }
    }

    /** Gradient answered 401 to this vendor and partner key pair. */
    public static final class KeyRejected extends PartnerFailure {
        public KeyRejected() {
            super("Gradient rejected the partner API key (401). Check that the key was copied completely, or "
                    + "generate a new key in Gradient and submit it");
        }
    }

    /** The stored key was rejected earlier; a new one must be submitted first. */
    public static final class NeedsKey extends PartnerFailure {
        public NeedsKey(PartnerId partnerId) {
            super("Gradient rejected the stored key of partner " + partnerId.value()
                    + "; submit a new partner API key first");
        }
    }

    /** Another submission or disconnection of the same partner holds the partner's lock. */
    public static final class ChangeInProgress extends PartnerFailure {
        public ChangeInProgress(PartnerId partnerId) {
            super("another key submission or disconnection of partner " + partnerId.value()
                    + " is in progress; retry in a moment");
        }
    }

    /**
     * The submitted key belongs to another Gradient organization than the one the partner is connected to, and the
     * request did not ask to move the partner. Nothing was stored and Gradient was only read.
     */
    public static final class OrganizationMismatch extends PartnerFailure {
        public OrganizationMismatch(PartnerId partnerId) {
            super("the submitted key belongs to another Gradient organization than the one partner " + partnerId.value()
                    + " is connected to; to move the partner there (its accounts and counts go to the new "
                    + "organization, the old integration is set inactive), send the key again with \"move\": true");
        }
    }

    /** A failed Gradient call: {@link Kind} says which answer it deserves. */
    public static final class GradientFailed extends PartnerFailure {
        /** What went wrong with Gradient, as far as the portal is concerned. */
        public enum Kind {
            /** 403: Gradient flagged the vendor's API usage. */
            FORBIDDEN,
            /** 429 still after the client's retries. */
            THROTTLED,
            /** 5xx or no answer, after the client's retries. */
            UNAVAILABLE,
            /** Any other answer (400, 404, 409, unreadable body): the contract was not what we expected. */
            UNEXPECTED
        }

        private final Kind kind;
        private final int gradientStatus;
        private final String route;
        private final Optional<Duration> retryAfter;

        GradientFailed(Kind kind, GradientException cause) {
            super(describe(kind, cause));
            this.kind = kind;
            this.gradientStatus = cause.status();
            this.route = cause.route();
            this.retryAfter = cause instanceof RateLimitedException limited ? limited.retryAfter() : Optional.empty();
        }

        public Kind kind() {
            return kind;
        }

        /** Gradient's HTTP status, 0 when no answer arrived. */
        public int gradientStatus() {
            return gradientStatus;
        }

        /** Gradient's route template (method and path, no ids, no keys). */
        public String route() {
            return route;
        }

        /** Gradient's {@code Retry-After}, when it throttled and sent one. */
        public Optional<Duration> retryAfter() {
            return retryAfter;
        }

        private static String describe(Kind kind, GradientException cause) {
            return switch (kind) {
                case FORBIDDEN -> "Gradient refused the request (403): it has flagged this vendor's API usage. "
                        + "Contact Gradient support; retrying will not help";
                case THROTTLED -> "Gradient is limiting this vendor's requests (429); retry later";
                case UNAVAILABLE -> cause.status() == 0
                        ? "Gradient could not be reached; retry later"
                        : "Gradient is unavailable (HTTP " + cause.status() + "); retry later";
                case UNEXPECTED -> "Gradient answered unexpectedly (HTTP " + cause.status() + ")";
            };
        }
    }

    /**
     * The failure a Gradient error becomes, when it is not a rejected key: callers handle {@link UnauthorizedException}
     * first because what a 401 means depends on the use case.
     */
    /** The portal's answer to a Gradient failure left after the client's retries. */
    public static PartnerFailure fromGradient(GradientException failure) {
        Objects.requireNonNull(failure, "failure");
        return switch (failure) {
            case UnauthorizedException e -> new KeyRejected();
            case ForbiddenException e -> new GradientFailed(GradientFailed.Kind.FORBIDDEN, e);
            case RateLimitedException e -> new GradientFailed(GradientFailed.Kind.THROTTLED, e);
            case ServerErrorException e -> new GradientFailed(GradientFailed.Kind.UNAVAILABLE, e);
            case GradientConnectionException e -> new GradientFailed(GradientFailed.Kind.UNAVAILABLE, e);
            case BadRequestException e -> new GradientFailed(GradientFailed.Kind.UNEXPECTED, e);
            case NotFoundException e -> new GradientFailed(GradientFailed.Kind.UNEXPECTED, e);
            case ConflictException e -> new GradientFailed(GradientFailed.Kind.UNEXPECTED, e);
            case UnexpectedStatusException e -> new GradientFailed(GradientFailed.Kind.UNEXPECTED, e);
        };
    }

    /** A short reason for the integration view's {@code gradient.error}; fixed texts, nothing from the body. */
    static String shortReason(GradientException failure) {
        return switch (failure) {
            case UnauthorizedException e -> PartnerView.KEY_REJECTED;
            case ForbiddenException e -> "Gradient refused the vendor (403); contact Gradient support";
            case RateLimitedException e -> "Gradient is throttling requests (429)";
            case ServerErrorException e -> "Gradient is unavailable (HTTP " + e.status() + ")";
            case GradientConnectionException e -> "Gradient could not be reached";
            case BadRequestException e -> "unexpected answer from Gradient (HTTP 400)";
            case NotFoundException e -> "unexpected answer from Gradient (HTTP 404)";
            case ConflictException e -> "unexpected answer from Gradient (HTTP 409)";
            case UnexpectedStatusException e -> "unexpected answer from Gradient (HTTP " + e.status() + ")";
        };
    }
}
