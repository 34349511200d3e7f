package io.gradientconnector.app.report;

import io.gradientconnector.domain.PartnerId;

/** The answers of the report use cases other than a page: one subtype per portal answer. */
public abstract sealed class ReportFailure extends RuntimeException {

    private ReportFailure(String message) {
        super(message, null, false, false);
    }

    /** No partner with this id was ever connected (404). */
    public static final class UnknownPartner extends ReportFailure {
        public UnknownPartner(PartnerId partnerId) {
            super("no partner " + partnerId.value() + " is known to the connector");
        }
    }

    /** The cursor is not one this listing returned (400 naming {@code cursor}). */
    public static final class BadCursor extends ReportFailure {
        public BadCursor() {
            super("not a cursor this listing returned; start again without one");
        }
    }
}
