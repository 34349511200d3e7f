package io.gradientconnector.localrun.aws;

import io.gradientconnector.localrun.template.ResourceValues;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources the runner created on the emulator, by logical id: what {@code !Ref} and {@code !GetAtt} give.
 * Resources the runner does not create (APIs, log groups, alarms, schedule groups) resolve to a placeholder
 * {@code local-<LogicalId>}, which is enough for names nothing calls. Thread-safe.
 */
public final class LocalResources implements ResourceValues {

    private final String stackName;
    private final Map<String, String> refs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> attributes = new ConcurrentHashMap<>();
    private final Map<String, String> created = new ConcurrentHashMap<>();

    public LocalResources(String stackName) {
        this.stackName = stackName;
    }

    /** Records a created resource of CloudFormation {@code type}. */
    public void put(String logicalId, String type, String ref, Map<String, String> attributes) {
        refs.put(logicalId, ref);
        this.attributes.put(logicalId, Map.copyOf(attributes));
        created.put(logicalId, type);
    }

    public boolean isCreated(String logicalId) {
        return created.containsKey(logicalId);
    }

    public Optional<String> createdType(String logicalId) {
        return Optional.ofNullable(created.get(logicalId));
    }

    /** The physical name the runner gives a resource: {@code <stack>-<LogicalId>}. */
    public String physicalName(String logicalId) {
        return stackName + "-" + logicalId;
    }

    @Override
    public String ref(String logicalId) {
        return refs.getOrDefault(logicalId, physicalName(logicalId));
    }

    @Override
    public String attribute(String logicalId, String attribute) {
        Map<String, String> values = attributes.get(logicalId);
        if (values == null) {
            return physicalName(logicalId) + "-" + attribute;
        }
        String value = values.get(attribute);
        if (value == null) {
            throw new IllegalArgumentException("!GetAtt " + logicalId + "." + attribute
                    + ": the local runner knows " + values.keySet());
        }
        return value;
    }

    /** The URL of a created queue; fails naming the id when it is not one. */
    public String queueUrl(String logicalId) {
        if (!"AWS::SQS::Queue".equals(created.get(logicalId))) {
            throw new IllegalArgumentException(logicalId + " is not a queue the runner created");
        }
        return refs.get(logicalId);
    }
}
