package io.gradientconnector.localrun.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The repository's own template.yaml, resolved to local values. */
class FunctionDefinitionsTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(
            Path.of(System.getProperty("connector.root", "../..")).resolve("template.yaml"));

    /** Refs and attributes as recognisable strings. */
    static final ResourceValues FAKE = new ResourceValues() {
        @Override
        public String ref(String logicalId) {
            return "ref:" + logicalId;
        }

        @Override
        public String attribute(String logicalId, String attribute) {
            return "att:" + logicalId + "." + attribute;
        }
    };

    private static Map<String, FunctionDefinition> functions(Map<String, String> overrides) {
        Intrinsics intrinsics = new Intrinsics(TEMPLATE, overrides, PseudoParameters.local(), FAKE);
        Map<String, FunctionDefinition> byId = new java.util.LinkedHashMap<>();
        FunctionDefinitions.read(TEMPLATE, intrinsics).forEach(f -> byId.put(f.logicalId(), f));
        return byId;
    }

    @Test
    void read_shouldMergeGlobalsAndResolveEnvironment_whenTemplateIsTheRepositorys() {
        FunctionDefinition push = functions(Map.of()).get("UsagePushFunction");

        assertEquals("io.gradientconnector.usagepush.UsagePushHandler::handleRequest", push.handler());
        assertEquals(60, push.timeoutSeconds());
        assertEquals(1024, push.memoryMb());
        Map<String, String> env = push.environment();
        assertEquals("ref:Table", env.get("TABLE_NAME"));
        assertEquals("ref:UsageQueue", env.get("USAGE_QUEUE_URL"));
        assertEquals("ref:VendorKeySecret", env.get("VENDOR_KEY_SECRET_ID"));
        assertEquals("100", env.get("GRADIENT_RATE_LIMIT_PER_SECOND"), "the one budget, from Globals");
        assertEquals("local/partners/", env.get("PARTNER_SECRET_PREFIX"), "!If on an empty prefix, AWS::StackName");
        assertEquals("https://app.usegradient.com", env.get("GRADIENT_BASE_URL"));
        assertEquals("", env.get("SERVICE_CATALOG_BUCKET"), "no catalog named: the runner names its own");
        assertEquals("10000", env.get("GRADIENT_TIMEOUT_MS"));
    }

    @Test
    void read_shouldUseParameterOverrides_whenGiven() {
        FunctionDefinition push = functions(Map.of("PartnerSecretPrefix", "vendor/partners/", "GradientRateLimit",
                "25")).get("UsagePushFunction");

        assertEquals("vendor/partners/", push.environment().get("PARTNER_SECRET_PREFIX"));
        assertEquals("25", push.environment().get("GRADIENT_RATE_LIMIT_PER_SECOND"));
    }

    @Test
    void read_shouldRequireApiKeyOnPortalRoutesOnly_whenRoutesAreTheTemplates() {
        Map<String, FunctionDefinition> functions = functions(Map.of());

        List<ApiRoute> portal = functions.get("PartnerKeyFunction").routes();
        assertEquals(9, portal.size()); // key PUT/GET/DELETE, sync, clients, partners, report, pushes, alerts
        assertTrue(portal.stream().allMatch(ApiRoute::apiKeyRequired));
        ApiRoute webhook = functions.get("VendorEventsFunction").routes().get(0);
        assertEquals("POST", webhook.method());
        assertEquals("/webhooks/vendor-events", webhook.path());
        assertFalse(webhook.apiKeyRequired());
    }

    @Test
    void read_shouldReadQueueTriggers_whenFunctionsConsumeQueues() {
        Map<String, FunctionDefinition> functions = functions(Map.of());

        QueueTrigger push = functions.get("UsagePushFunction").queues().get(0);
        assertEquals("UsageQueue", push.queueId());
        assertEquals(50, push.batchSize());
        assertEquals(1, push.maximumBatchingWindowSeconds());
        assertEquals(10, push.maximumConcurrency());
        assertTrue(push.reportBatchItemFailures());
        QueueTrigger sync = functions.get("AccountSyncWorkerFunction").queues().get(0);
        assertEquals("SyncQueue", sync.queueId());
        assertEquals(1, sync.batchSize());
        assertEquals(0, sync.maximumBatchingWindowSeconds());
    }

    @Test
    void read_shouldReadTheSchedule_whenFunctionHasScheduleV2() {
        ScheduleTrigger schedule = functions(Map.of()).get("AccountSyncScheduleFunction").schedules().get(0);

        assertEquals("rate(1 hour)", schedule.expression());
        assertTrue(schedule.enabled());
        assertEquals(null, schedule.input());
    }

    @Test
    void read_shouldNameTheEvent_whenQueueIsNotAGetAttOfATemplateQueue() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Events:
                        Work:
                          Type: SQS
                          Properties:
                            Queue: arn:aws:sqs:us-east-1:123456789012:elsewhere
                """);
        Intrinsics intrinsics = new Intrinsics(template, Map.of(), PseudoParameters.local(), FAKE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FunctionDefinitions.read(template, intrinsics));
        assertTrue(e.getMessage().startsWith("Fn.Events.Work.Queue"), e.getMessage());
    }
}
