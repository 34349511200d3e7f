package io.gradientconnector.port.gradient;

/** HTTP 403: Gradient flagged the API usage as anomalous. Do not retry; contact Gradient support. */
public final class ForbiddenException extends GradientException {
    public ForbiddenException(String route, String gradientMessage) {
        super(403, route, gradientMessage, null, null);
    }
}
