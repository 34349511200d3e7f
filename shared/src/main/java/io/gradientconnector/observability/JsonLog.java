package io.gradientconnector.observability;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structured log lines: one JSON object per line on an injected {@link PrintStream} (stdout in
 * Lambda, where CloudWatch Logs picks it up and Logs Insights can query every field).
 *
 * <pre>{@code
 * {"timestamp":"2025-01-01T00:00:00.000Z","level":"INFO","message":"pushed count",
 *  "service":"gradient-connector","function":"usage-push","requestId":"...","partnerId":"p-1"}
 * }</pre>
 *
 * <p>Only what the caller passes explicitly is written: a message and context fields whose values
 * are strings, numbers or booleans. There is deliberately no "log this object" method, so request
 * bodies, partner keys, the vendor key and the signing secret cannot reach a log by accident. For a
 * {@link Throwable} only its class name and the top stack frame are written, never its message
 * (parser messages quote input). Long strings are truncated.
 *
 * <p>Why not log4j/SLF4J: every function pays for the logger on each cold start (plugin discovery,
 * configuration parsing, reflection); building one line into a StringBuilder costs nothing to
 * initialise. The level comes from {@code LOG_LEVEL} (DEBUG, INFO, WARN, ERROR; default INFO).
 *
 * <p>Immutable and thread-safe: {@link #with} returns a new instance; each line is written with a
 * single {@code println}, which {@link PrintStream} serialises, so concurrent lines never interleave.
 */
public final class JsonLog {

    /** Severity, lowest first. */
    public enum Level {
        DEBUG, INFO, WARN, ERROR;

        /** Parses a {@code LOG_LEVEL} value, case-insensitive; {@code WARNING} is accepted as WARN. */
        public static Level parse(String value) {
            String v = Objects.requireNonNull(value, "value").trim().toUpperCase(Locale.ROOT);
            if (v.equals("WARNING")) {
                return WARN;
            }
            for (Level level : values()) {
                if (level.name().equals(v)) {
                    return level;
                }
            }
            throw new IllegalArgumentException(LOG_LEVEL + " must be one of DEBUG, INFO, WARN, ERROR");
        }
    }

    /** The environment variable holding the minimum level. */
    public static final String LOG_LEVEL = "LOG_LEVEL";
    /** The {@code service} field unless the builder sets another. */
    public static final String DEFAULT_SERVICE = "gradient-connector";

    static final int MAX_VALUE_CHARS = 256;
    static final int MAX_MESSAGE_CHARS = 1024;
    static final int MAX_FIELDS = 32;

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> RESERVED =
            Set.of("timestamp", "level", "message", "service", "function", "errorType", "errorAt");

    private final PrintStream out;
    private final Clock clock;
    private final String service;
    private final String function;
    private final Level level;
    private final List<Field> fields;

    private record Field(String key, Object value) {
    }

    private JsonLog(PrintStream out, Clock clock, String service, String function, Level level, List<Field> fields) {
        this.out = out;
        this.clock = clock;
        this.service = service;
        this.function = function;
        this.level = level;
        this.fields = fields;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The log a handler builds once per container: level from {@code LOG_LEVEL} in {@code env}.
     *
     * @param function the short, stable function name (e.g. {@code usage-push}), not the deployed
     *                 name, which carries the stack name
     */
    public static JsonLog fromEnvironment(Map<String, String> env, String function, PrintStream out, Clock clock) {
        String raw = env.get(LOG_LEVEL);
        Level level = raw == null || raw.isBlank() ? Level.INFO : Level.parse(raw);
        return builder().function(function).level(level).out(out).clock(clock).build();
    }

    /** A log that writes {@code key} with every line (replacing an earlier value of that key). */
    public JsonLog with(String key, String value) {
        return withField(key, value == null ? null : Json.truncate(value, MAX_VALUE_CHARS));
    }

    public JsonLog with(String key, long value) {
        return withField(key, value);
    }

    public JsonLog with(String key, double value) {
        return withField(key, value);
    }

    public JsonLog with(String key, boolean value) {
        return withField(key, value);
    }

    public Level level() {
        return level;
    }

    public boolean isEnabled(Level candidate) {
        return candidate.compareTo(level) >= 0;
    }

    public void debug(String message) {
        write(Level.DEBUG, message, null);
    }

    public void info(String message) {
        write(Level.INFO, message, null);
    }

    public void warn(String message) {
        write(Level.WARN, message, null);
    }

    /** A warning with the error's type and where it was thrown (never its message). */
    public void warn(String message, Throwable error) {
        write(Level.WARN, message, error);
    }

    public void error(String message) {
        write(Level.ERROR, message, null);
    }

    /** An error with the error's type and where it was thrown (never its message). */
    public void error(String message, Throwable error) {
        write(Level.ERROR, message, error);
    }

    @Override
    public String toString() {
        // Keys only: the values belong in log lines, not in whatever prints this object.
        return "JsonLog[service=" + service + ", function=" + function + ", level=" + level
                + ", fields=" + fields.stream().map(Field::key).toList() + "]";
    }

    private JsonLog withField(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("log field key must match " + KEY.pattern() + ": " + key);
        }
        if (RESERVED.contains(key)) {
            throw new IllegalArgumentException("log field key is reserved: " + key);
        }
        List<Field> next = new ArrayList<>(fields.size() + 1);
        for (Field f : fields) {
            if (!f.key().equals(key)) {
                next.add(f);
            }
        }
        if (next.size() >= MAX_FIELDS) {
            throw new IllegalArgumentException("a log carries at most " + MAX_FIELDS + " fields");
        }
        next.add(new Field(key, value));
        return new JsonLog(out, clock, service, function, level, List.copyOf(next));
    }

    private void write(Level lineLevel, String message, Throwable error) {
        if (!isEnabled(lineLevel)) {
            return;
        }
        StringBuilder line = new StringBuilder(256);
        line.append("{\"timestamp\":");
        Json.string(line, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        line.append(",\"level\":\"").append(lineLevel.name()).append('"');
        line.append(",\"message\":");
        Json.string(line, Json.truncate(message == null ? "" : message, MAX_MESSAGE_CHARS));
        line.append(",\"service\":");
        Json.string(line, service);
        line.append(",\"function\":");
        Json.string(line, function);
        for (Field f : fields) {
            line.append(',');
            Json.string(line, f.key()).append(':');
            appendValue(line, f.value());
        }
        if (error != null) {
            line.append(",\"errorType\":");
            Json.string(line, error.getClass().getName());
            StackTraceElement[] trace = error.getStackTrace();
            if (trace.length > 0) {
                line.append(",\"errorAt\":");
                Json.string(line, Json.truncate(trace[0].toString(), MAX_VALUE_CHARS));
            }
        }
        line.append('}');
        out.println(line);
    }

    private static void appendValue(StringBuilder line, Object value) {
        if (value == null) {
            line.append("null");
        } else if (value instanceof String s) {
            Json.string(line, s);
        } else if (value instanceof Double d) {
            Json.number(line, d);
        } else {
            line.append(value); // Long or Boolean: their toString is their JSON form
        }
    }

    /** Builds a {@link JsonLog}; {@code function}, {@code out} and {@code clock} are required. */
    public static final class Builder {
        private PrintStream out;
        private Clock clock;
        private String service = DEFAULT_SERVICE;
        private String function;
        private Level level = Level.INFO;

        private Builder() {
        }

        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder function(String function) {
            this.function = function;
            return this;
        }

        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        public JsonLog build() {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(level, "level");
            requireName(service, "service");
            requireName(function, "function");
            return new JsonLog(out, clock, service, function, level, List.of());
        }

        private static void requireName(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " is required");
            }
        }
    }
}
