package io.gradientconnector.lambda;

import io.gradientconnector.observability.JsonLog;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MarkerIgnoringBase;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger writing WARN and ERROR as {@link JsonLog} lines (see {@link JsonLogging}); TRACE, DEBUG and INFO
 * are dropped. It reads the installed log on each line, so loggers the SDK created before a handler installed its
 * log still write there. Thread-safe.
 */
public final class Slf4jJsonLogger extends MarkerIgnoringBase {
    private static final long serialVersionUID = 1L;

    public Slf4jJsonLogger(String name) {
        this.name = name;
    }

    private boolean enabled(JsonLog.Level level) {
        return JsonLogging.slf4jRoot().isEnabled(level);
    }

    private void log(JsonLog.Level level, FormattingTuple tuple) {
        JsonLogging.write(JsonLogging.slf4jRoot().with("logger", name), level, tuple.getMessage(), tuple.getThrowable());
    }

    private void log(JsonLog.Level level, String format, Object... arguments) {
        if (enabled(level)) {
            log(level, MessageFormatter.arrayFormat(format, arguments));
        }
    }

    private void log(JsonLog.Level level, String message, Throwable error) {
        if (enabled(level)) {
            log(level, new FormattingTuple(message, null, error));
        }
    }

    // TRACE, DEBUG, INFO: dropped.
    @Override public boolean isTraceEnabled() { return false; }
    @Override public void trace(String msg) { }
    @Override public void trace(String format, Object arg) { }
    @Override public void trace(String format, Object arg1, Object arg2) { }
    @Override public void trace(String format, Object... arguments) { }
    @Override public void trace(String msg, Throwable t) { }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public void debug(String msg) { }
    @Override public void debug(String format, Object arg) { }
    @Override public void debug(String format, Object arg1, Object arg2) { }
    @Override public void debug(String format, Object... arguments) { }
    @Override public void debug(String msg, Throwable t) { }
    @Override public boolean isInfoEnabled() { return false; }
    @Override public void info(String msg) { }
    @Override public void info(String format, Object arg) { }
    @Override public void info(String format, Object arg1, Object arg2) { }
    @Override public void info(String format, Object... arguments) { }
    @Override public void info(String msg, Throwable t) { }

    @Override public boolean isWarnEnabled() { return enabled(JsonLog.Level.WARN); }
    @Override public void warn(String msg) { log(JsonLog.Level.WARN, msg, (Throwable) null); }
    @Override public void warn(String format, Object arg) { log(JsonLog.Level.WARN, format, new Object[] {arg}); }
    @Override public void warn(String format, Object arg1, Object arg2) { log(JsonLog.Level.WARN, format, arg1, arg2); }
    @Override public void warn(String format, Object... arguments) { log(JsonLog.Level.WARN, format, arguments); }
    @Override public void warn(String msg, Throwable t) { log(JsonLog.Level.WARN, msg, t); }

    @Override public boolean isErrorEnabled() { return enabled(JsonLog.Level.ERROR); }
    @Override public void error(String msg) { log(JsonLog.Level.ERROR, msg, (Throwable) null); }
    @Override public void error(String format, Object arg) { log(JsonLog.Level.ERROR, format, new Object[] {arg}); }
    @Override public void error(String format, Object arg1, Object arg2) { log(JsonLog.Level.ERROR, format, arg1, arg2); }
    @Override public void error(String format, Object... arguments) { log(JsonLog.Level.ERROR, format, arguments); }
    @Override public void error(String msg, Throwable t) { log(JsonLog.Level.ERROR, msg, t); }
}
