package io.gradientconnector.localrun.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function of the template with everything resolved to local values: its handler ({@code class::method}),
 * timeout, memory, environment (Globals merged) and triggers.
 */
public record FunctionDefinition(String logicalId, String handler, int timeoutSeconds, int memoryMb,
                                 Map<String, String> environment, List<ApiRoute> routes, List<QueueTrigger> queues,
                                 List<ScheduleTrigger> schedules) {

    public FunctionDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handler, "handler");
        if (handler.isBlank()) {
            throw new IllegalArgumentException(logicalId + ": Handler is empty");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException(logicalId + ": Timeout must be at least 1");
        }
        environment = Map.copyOf(environment);
        routes = List.copyOf(routes);
        queues = List.copyOf(queues);
        schedules = List.copyOf(schedules);
    }

    /** The handler's class name (before {@code ::}). */
    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }
}
