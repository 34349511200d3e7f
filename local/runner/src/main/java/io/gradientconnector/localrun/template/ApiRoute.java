package io.gradientconnector.localrun.template;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code Api} event of a function: {@code method} is upper case or {@code ANY}; {@code path} is the template's
 * resource path, e.g. {@code /partners/{partnerId}/gradient} or {@code /files/{proxy+}}.
 */
public record ApiRoute(String functionId, String eventName, String method, String path, boolean apiKeyRequired) {

    public ApiRoute {
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(eventName, "eventName");
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(functionId + "." + eventName + ": Path must start with /, was " + path);
        }
    }
}
