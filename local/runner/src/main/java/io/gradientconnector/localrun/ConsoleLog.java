package io.gradientconnector.localrun;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The runner's terminal output: every line tagged with where it comes from ({@code [local]}, {@code [moto]}, a
 * function's logical id). Thread-safe: lines from concurrent sources never interleave.
 */
public final class ConsoleLog {

    private final PrintStream out;

    public ConsoleLog(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public void line(String source, String text) {
        synchronized (out) {
            out.println("[" + source + "] " + text);
            out.flush();
        }
    }

    public void info(String text) {
        line("local", text);
    }

    /** Writes {@code text} as is (the banner). */
    public void block(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }
}
