package io.gradientconnector.accountsync;

import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** A log and metrics writing to memory, so tests can read the lines a handler wrote. */
final class CapturedOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final JsonLog log;
    final Metrics metrics;

    CapturedOutput(String function, Clock clock) {
        log = JsonLog.builder().function(function).out(out).clock(clock).build();
        metrics = Metrics.builder().function(function).out(out).clock(clock).build();
    }

    PrintStream stream() {
        return out;
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
        return Arrays.stream(text().split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
