package io.gradientconnector.localrun.template;

/** What {@code !Ref} and {@code !GetAtt} of a resource give locally: the values of the resources the runner made. */
public interface ResourceValues {

    /** {@code !Ref logicalId}: a table's name, a queue's URL, a secret's ARN, ... */
    String ref(String logicalId);

    /** {@code !GetAtt logicalId.attribute}, e.g. a queue's {@code Arn} or {@code QueueName}. */
    String attribute(String logicalId, String attribute);
}
