package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.GradientException;

import java.time.Instant;

/** Runs one logical call and returns a 2xx response or throws a {@link GradientException}. */
interface RequestExecutor {
    /** @param deadline no attempt, wait or timeout may run past it; null for none */
    Transport.Response execute(GradientRequest request, Instant deadline);
}
