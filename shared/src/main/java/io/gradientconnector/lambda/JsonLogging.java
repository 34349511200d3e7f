package io.gradientconnector.lambda;

import io.gradientconnector.observability.JsonLog;

import java.text.MessageFormat;
import java.time.Clock;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Routes the two logging APIs our dependencies use into {@link JsonLog} lines, so CloudWatch gets one format:
 * <ul>
 *   <li>{@link System.Logger}, used by the Gradient client: {@link #systemLogger} wraps a {@link JsonLog}, and the
 *       composition root hands it to the client;</li>
 *   <li>SLF4J 1.7, used by the AWS SDK: the binding in {@code org.slf4j.impl} (SLF4J 1.7 finds it by that class
 *       name) writes to the log {@link #install installed} by the composition root. Without a binding SLF4J prints a
 *       "defaulting to no-operation logger" warning to stderr at every cold start. Only the SDK's warnings and
 *       errors are written: its debug and info lines are request-level chatter.</li>
 * </ul>
 * Each line carries a {@code logger} field naming its source. Thread-safe.
 */
public final class JsonLogging {
    private static volatile JsonLog installed;

    private JsonLogging() {
    }

    /** Makes {@code root} the log SLF4J's loggers write to (the latest call wins; one per container). */
    public static void install(JsonLog root) {
        installed = Objects.requireNonNull(root, "root");
    }

    /**
     * The log SLF4J writes to: the installed one, or, before any handler has built its own (e.g. a library logging
     * during class initialisation), one to stdout at WARN named after the Lambda function.
     */
    static JsonLog slf4jRoot() {
        JsonLog log = installed;
        if (log == null) {
            Map<String, String> env = System.getenv();
            String function = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "unknown");
            log = JsonLog.builder().function(function.isBlank() ? "unknown" : function).level(JsonLog.Level.WARN)
                    .out(System.out).clock(Clock.systemUTC()).build();
        }
        return log;
    }

    /** A {@link System.Logger} named {@code name} writing {@code log}'s lines at {@code log}'s level. */
    public static System.Logger systemLogger(JsonLog log, String name) {
        return new JsonSystemLogger(log.with("logger", name), name);
    }

    /** Maps JDK levels onto ours; {@code OFF} and {@code ALL} are no line's level. */
    static JsonLog.Level level(System.Logger.Level level) {
        return switch (level) {
            case ALL, TRACE, DEBUG -> JsonLog.Level.DEBUG;
            case INFO -> JsonLog.Level.INFO;
            case WARNING -> JsonLog.Level.WARN;
            case ERROR, OFF -> JsonLog.Level.ERROR;
        };
    }

    static void write(JsonLog log, JsonLog.Level level, String message, Throwable error) {
        switch (level) {
            case DEBUG -> log.debug(message);
            case INFO -> log.info(message);
            case WARN -> {
                if (error == null) {
                    log.warn(message);
                } else {
                    log.warn(message, error);
                }
            }
            case ERROR -> {
                if (error == null) {
                    log.error(message);
                } else {
                    log.error(message, error);
                }
            }
        }
    }

    private record JsonSystemLogger(JsonLog log, String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF && log.isEnabled(level(level));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                write(log, level(level), localized(bundle, message), thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String pattern = localized(bundle, format);
                write(log, level(level), params == null || params.length == 0 ? pattern
                        : MessageFormat.format(pattern, params), null);
            }
        }

        @Override
        public void log(Level level, Supplier<String> message) {
            if (isLoggable(level)) {
                write(log, level(level), message.get(), null);
            }
        }

        private static String localized(ResourceBundle bundle, String key) {
            if (bundle == null || key == null) {
                return key;
            }
            try {
                return bundle.getString(key);
            } catch (MissingResourceException e) {
                return key;
            }
        }
    }
}
