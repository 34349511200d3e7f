package io.gradientconnector.localrun.template;

import java.util.Objects;

/** One {@code Schedule}/{@code ScheduleV2} event; {@code input} is the template's {@code Input} JSON or null. */
public record ScheduleTrigger(String functionId, String eventName, String expression, String input, boolean enabled) {

    public ScheduleTrigger {
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(expression, "expression");
    }
}
