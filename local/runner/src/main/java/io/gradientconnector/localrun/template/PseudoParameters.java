package io.gradientconnector.localrun.template;

import java.util.Map;
import java.util.Objects;

/**
 * The values of CloudFormation's pseudo parameters for a local stack. The account id is moto's default, so ARNs the
 * runner builds match the ones the emulator returns.
 */
public record PseudoParameters(String stackName, String region, String accountId) {

    public static final String LOCAL_STACK_NAME = "local";
    public static final String LOCAL_REGION = "us-east-1";
    public static final String LOCAL_ACCOUNT_ID = "123456789012";

    public PseudoParameters {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
    }

    public static PseudoParameters local() {
        return new PseudoParameters(LOCAL_STACK_NAME, LOCAL_REGION, LOCAL_ACCOUNT_ID);
    }

    /** {@code AWS::NoValue} is handled by the resolver (it removes the property), so it is not listed here. */
    Map<String, String> values() {
        return Map.of(
                "AWS::StackName", stackName,
                "AWS::StackId", "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName + "/local",
                "AWS::Region", region,
                "AWS::AccountId", accountId,
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com");
    }
}
