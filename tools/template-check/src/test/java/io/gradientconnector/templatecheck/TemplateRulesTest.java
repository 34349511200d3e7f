package io.gradientconnector.templatecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule on small templates: it passes on a good one and names the culprit on a bad one. */
class TemplateRulesTest {

    private static final String QUEUES = """
            Resources:
              Work:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 360
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt WorkDlq.Arn
                    maxReceiveCount: 5
              WorkDlq:
                Type: AWS::SQS::Queue
                Properties:
                  MessageRetentionPeriod: 1209600
              WorkDlqAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/SQS
                  MetricName: ApproximateNumberOfMessagesVisible
                  Dimensions:
                    - Name: QueueName
                      Value: !GetAtt WorkDlq.QueueName
                  ComparisonOperator: GreaterThanThreshold
                  Threshold: 0
            """;

    private static String withFunction(String function) {
        return QUEUES + function;
    }

    private static final String GOOD_WORKER = """
              Worker:
                Type: AWS::Serverless::Function
                Metadata:
                  BuildMethod: makefile
                  ContextPath: .
                  WorkingDirectory: .
                Properties:
                  CodeUri: tools/sam-build
                  Handler: io.gradientconnector.work.WorkHandler::handleRequest
                  Timeout: 60
                  Events:
                    Messages:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt Work.Arn
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        ScalingConfig:
                          MaximumConcurrency: !Ref Concurrency
            Parameters:
              Concurrency: {Type: Number, Default: 5}
              Rate: {Type: Number, Default: 100}
            Globals:
              Function:
                Environment:
                  Variables:
                    TABLE_NAME: !Ref Table
                    GRADIENT_RATE_LIMIT_PER_SECOND: !Ref Rate
            """;

    @Test
    void rules_shouldFindNothing_whenTheTemplateFollowsThem() {
        Template t = Template.parse(withFunction(GOOD_WORKER));

        assertEquals(List.of(), TemplateRules.queuesWithoutDeadLetterQueue(t));
        assertEquals(List.of(), TemplateRules.deadLetterQueueProblems(t));
        assertEquals(List.of(), TemplateRules.sqsEventsWithoutBatchItemFailures(t));
        assertEquals(List.of(), TemplateRules.visibilityTimeoutProblems(t));
        assertEquals(List.of(), TemplateRules.gradientRateProblems(t));
        assertEquals(List.of(), TemplateRules.hardCodedNames(t));
        assertEquals(List.of(), TemplateRules.buildProblems(t, Map.of("Worker", "work")));
        assertEquals(List.of(), TemplateRules.missingEnvironmentVariables(t, "Worker",
                Set.of("TABLE_NAME", "GRADIENT_RATE_LIMIT_PER_SECOND"), "its code reads"));
    }

    @Test
    void queuesWithoutDeadLetterQueue_shouldNameTheQueue_whenItHasNoRedrivePolicy() {
        Template t = Template.parse("""
                Resources:
                  Lonely:
                    Type: AWS::SQS::Queue
                    Properties: {}
                  Broken:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy:
                        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:elsewhere
                        maxReceiveCount: 0
                """);

        List<String> problems = TemplateRules.queuesWithoutDeadLetterQueue(t);

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Lonely has no RedrivePolicy"));
        assertTrue(problems.get(1).startsWith("Broken RedrivePolicy.deadLetterTargetArn"));
        assertTrue(problems.get(2).startsWith("Broken RedrivePolicy.maxReceiveCount"));
    }

    @Test
    void deadLetterQueueProblems_shouldNameTheQueue_whenRetentionIsShortAndNoAlarm() {
        Template t = Template.parse(QUEUES.replace("1209600", "345600").replace("GreaterThanThreshold", "LessThanThreshold"));

        List<String> problems = TemplateRules.deadLetterQueueProblems(t);

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("WorkDlq MessageRetentionPeriod"));
        assertTrue(problems.get(1).startsWith("WorkDlq has no alarm"));
    }

    @Test
    void sqsEventsWithoutBatchItemFailures_shouldNameTheEvent_whenTheResponseTypeIsMissing() {
        Template t = Template.parse(withFunction(GOOD_WORKER.replace("FunctionResponseTypes: [ReportBatchItemFailures]", "BatchSize: 10")));

        assertEquals(List.of("Worker event Messages lacks FunctionResponseTypes: [ReportBatchItemFailures]"),
                TemplateRules.sqsEventsWithoutBatchItemFailures(t));
    }

    @Test
    void visibilityTimeoutProblems_shouldNameQueueAndFunction_whenVisibilityIsBelowSixTimesTheTimeout() {
        Template t = Template.parse(withFunction(GOOD_WORKER.replace("Timeout: 60", "Timeout: 61")));

        assertEquals(List.of("Work VisibilityTimeout 360 s is less than 6 x Worker's Timeout (61 s)"),
                TemplateRules.visibilityTimeoutProblems(t));
    }

    @Test
    void visibilityTimeoutProblems_shouldUseTheGlobalTimeout_whenTheFunctionSetsNone() {
        Template t = Template.parse(withFunction(GOOD_WORKER.replace("      Timeout: 60\n", ""))
                .replace("Globals:\n  Function:\n", "Globals:\n  Function:\n    Timeout: 90\n"));

        assertEquals(List.of("Work VisibilityTimeout 360 s is less than 6 x Worker's Timeout (90 s)"),
                TemplateRules.visibilityTimeoutProblems(t));
    }

    @Test
    void gradientRateProblems_shouldFail_whenTheBudgetsDefaultExceedsOneHundredPerSecond() {
        Template t = Template.parse(withFunction(GOOD_WORKER.replace("Default: 100", "Default: 101")));

        assertEquals(List.of("default Rate (101) must be 1..100 requests/s"), TemplateRules.gradientRateProblems(t));
    }

    @Test
    void gradientRateProblems_shouldFail_whenAFunctionTakesAShareOfItsOwn() {
        String own = "      Environment:\n        Variables:\n          GRADIENT_RATE_LIMIT_PER_SECOND: !Ref Rate\n";
        Template t = Template.parse(withFunction(GOOD_WORKER.replace("      Events:\n", own + "      Events:\n")));

        assertEquals(List.of("Worker sets its own GRADIENT_RATE_LIMIT_PER_SECOND: the budget is one for all functions "
                + "(set it in Globals)"), TemplateRules.gradientRateProblems(t));
    }

    @Test
    void missingEnvironmentVariables_shouldNameEachMissingVariable_whenTheCodeReadsMore() {
        Template t = Template.parse(withFunction(GOOD_WORKER));

        assertEquals(List.of("Worker does not set PUSH_MODE, which its code reads",
                        "Worker does not set SYNC_QUEUE_URL, which its code reads"),
                TemplateRules.missingEnvironmentVariables(t, "Worker", Set.of("TABLE_NAME", "SYNC_QUEUE_URL", "PUSH_MODE"), "its code reads"));
    }

    @Test
    void hardCodedNames_shouldReportLiteralNamesArnsAccountsAndRegions() {
        Template t = Template.parse("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: connector-table
                  Secret:
                    Type: AWS::SecretsManager::Secret
                    Properties:
                      Name: !Sub "fixed-name"
                  Fine:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub "${AWS::StackName}-work"
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          A: arn:aws:sqs:eu-west-1:123456789012:q
                          B: "123456789012"
                          C: eu-west-1
                      Events:
                        Tick:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: rate(1 hour)
                """);

        List<String> problems = TemplateRules.hardCodedNames(t);

        assertEquals(6, problems.size(), problems.toString());
        assertTrue(problems.contains("Table TableName is hard-coded; omit it or derive it from AWS::StackName"));
        assertTrue(problems.contains("Secret Name is hard-coded; omit it or derive it from AWS::StackName"));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Fn event Tick needs a GroupName")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("Variables.A has a literal ARN")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("Variables.B has what looks like an account id")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("Variables.C names a region")));
    }

    @Test
    void apiKeyProblems_shouldReportPortalRoutesWithoutKeyAndWebhooksWithOne() {
        Template t = Template.parse("""
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      Auth:
                        ApiKeyRequired: false
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Portal:
                          Type: Api
                          Properties: {Path: "/partners/{partnerId}/gradient", Method: GET}
                        Hook:
                          Type: Api
                          Properties: {Path: /webhooks/vendor-events, Method: POST, Auth: {ApiKeyRequired: true}}
                """);

        List<String> problems = TemplateRules.apiKeyProblems(t);

        assertEquals(List.of(
                "Fn event Portal GET /partners/{partnerId}/gradient must set Auth.ApiKeyRequired: true",
                "Fn event Hook is a signed webhook: set Auth.ApiKeyRequired: false",
                "Api Auth.ApiKeyRequired must default to true",
                "Api Auth.UsagePlan is missing (the API key needs a usage plan)"), problems);
    }

    @Test
    void buildProblems_shouldNameTheFunction_whenItIsNotBuiltByTheMakefile() {
        Template t = Template.parse(withFunction(GOOD_WORKER.replace("BuildMethod: makefile", "BuildMethod: java21")
                .replace("tools/sam-build", "functions/work")));

        List<String> problems = TemplateRules.buildProblems(t, Map.of());

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Worker Metadata must be BuildMethod: makefile"));
        assertTrue(problems.get(1).startsWith("Worker CodeUri must be tools/sam-build"));
        assertTrue(problems.get(2).startsWith("Worker has no FUNCTION_MODULE_Worker"));
    }
}
