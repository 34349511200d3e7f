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
 *  "service":"gradient-connector","function":"usage-push","cold_start":true,"function_version":"7",
 *  "requestId":"...","partnerId":"p-1"}
 * }</pre>
 *
 * <p><b>Invocation fields.</b> A root log (from {@link #builder()}) and every log derived from it with
 * {@link #with} share one invocation scope: {@link #startInvocation} sets the request id and function
 * version, and every line any of them writes afterwards carries {@code cold_start} (true during the first
 * invocation of the root's life, i.e. of the container, and before it), {@code function_version} and
 * {@code requestId}. So lines of collaborators built once per container (the Gradient client's, the AWS
 * SDK's, a use case's) carry the request id of the invocation they happen in. Lambda runs one invocation
 * at a time per container, which is what makes one shared scope right.
 *
 * <p>Only what the caller passes explicitly is written: a message and context fields whose values
 * are strings, numbers or booleans. There is deliberately no "log this object" method, so request
 * bodies, partner keys, the vendor key and the signing secret cannot reach a log by accident. For a
 * {@link Throwable} only its class name and the top stack frame are written, never its message
 * (parser messages quote input). Long strings are truncated.
 *
 * <p>Why not log4j/SLF4J: every function pays for the logger on each cold start (plugin discovery,
 * configuration parsing, reflection); building one line into a StringBuilder costs nothing to
 * initialise. The level comes from {@code LOG_LEVEL} (DEBUG, INFO, WARN, ERROR; default INFO), or from
 * {@code POWERTOOLS_LOG_LEVEL} when that is set (operators' Powertools habit; it is never set by the
 * template, so setting it on a function overrides the template's level); {@code POWERTOOLS_SERVICE_NAME}
 * sets the {@code service} field.
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
    /** Powertools' name for the level; when set it wins over {@link #LOG_LEVEL}. */
    public static final String POWERTOOLS_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";
    /** Powertools' name for the {@code service} field. */
    public static final String POWERTOOLS_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    /** Set by Lambda: the version the container runs; the initial {@code function_version}. */
    public static final String LAMBDA_FUNCTION_VERSION = "AWS_LAMBDA_FUNCTION_VERSION";
    /** Invocation fields (Powertools' names for the first two). */
    public static final String COLD_START = "cold_start";
    public static final String FUNCTION_VERSION = "function_version";
    public static final String REQUEST_ID = "requestId";
    /** The {@code service} field unless the builder sets another. */
    public static final String DEFAULT_SERVICE = "gradient-connector";

    static final int MAX_VALUE_CHARS = 256;
    static final int MAX_MESSAGE_CHARS = 1024;
    static final int MAX_FIELDS = 32;

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> RESERVED =
            Set.of("timestamp", "level", "message", "service", "function", "errorType", "errorAt",
                    COLD_START, FUNCTION_VERSION, REQUEST_ID);

    private final PrintStream out;
    private final Clock clock;
    private final String service;
    private final String function;
    private final Level level;
    private final List<Field> fields;
    private final Invocation invocation;

    private record Field(String key, Object value) {
    }

    /** What the current invocation adds to every line; one per root log, shared by its derived logs. */
    private static final class Invocation {
        private record State(boolean coldStart, String functionVersion, String requestId) {
        }

        private volatile State state;
        private boolean started; // guarded by this

        Invocation(String functionVersion) {
            this.state = new State(true, functionVersion, null);
        }

        synchronized void start(String requestId, String functionVersion) {
            String version = functionVersion == null || functionVersion.isBlank() ? state.functionVersion() : functionVersion;
            state = new State(!started, version, requestId == null || requestId.isBlank() ? null : requestId);
            started = true;
        }
    }

    private JsonLog(PrintStream out, Clock clock, String service, String function, Level level, List<Field> fields,
                    Invocation invocation) {
        this.out = out;
        this.clock = clock;
        this.service = service;
        this.function = function;
        this.level = level;
        this.fields = fields;
        this.invocation = invocation;
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
        String variable = firstSet(env, POWERTOOLS_LOG_LEVEL) != null ? POWERTOOLS_LOG_LEVEL : LOG_LEVEL;
        String raw = firstSet(env, variable);
        Level level;
        try {
            level = raw == null ? Level.INFO : Level.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " must be one of DEBUG, INFO, WARN, ERROR");
        }
        String service = firstSet(env, POWERTOOLS_SERVICE_NAME);
        return builder().function(function).level(level).out(out).clock(clock)
                .service(service == null ? DEFAULT_SERVICE : service)
                .functionVersion(firstSet(env, LAMBDA_FUNCTION_VERSION)).build();
    }

    /** The first of {@code names} with a non-blank value in {@code env}, stripped; null when none. */
    static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /**
     * Starts an invocation for this log's root and every log derived from it: from now on each line carries
     * {@code requestId} (omitted when null) and {@code function_version} (unchanged when null), and
     * {@code cold_start} is true only if this is the first invocation the root has seen.
     */
    public void startInvocation(String requestId, String functionVersion) {
        invocation.start(requestId, functionVersion);
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
        return new JsonLog(out, clock, service, function, level, List.copyOf(next), invocation);
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
        Invocation.State current = invocation.state;
        line.append(",\"" + COLD_START + "\":").append(current.coldStart());
        if (current.functionVersion() != null) {
            line.append(",\"" + FUNCTION_VERSION + "\":");
            Json.string(line, Json.truncate(current.functionVersion(), MAX_VALUE_CHARS));
        }
        if (current.requestId() != null) {
            line.append(",\"" + REQUEST_ID + "\":");
            Json.string(line, Json.truncate(current.requestId(), MAX_VALUE_CHARS));
        }
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
        private String functionVersion;

        private Builder() {
        }

        /** The {@code function_version} of lines written before the first invocation (optional). */
        public Builder functionVersion(String functionVersion) {
            this.functionVersion = functionVersion;
            return this;
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
            return new JsonLog(out, clock, service, function, level, List.of(), new Invocation(functionVersion));
        }

        private static void requireName(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " is required");
            }
        }
    }
}
