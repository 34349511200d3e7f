package io.gradientconnector.templatecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.cfn.CfnYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules applied to the repository's own template.yaml, Makefile and code. */
class RepositoryTemplateTest {

    private static Path root;
    private static Template template;
    private static Map<String, String> modules;

    @BeforeAll
    static void load() throws IOException {
        root = CodeScan.repositoryRoot();
        template = new Template(CfnYaml.load(root.resolve("template.yaml")));
        modules = CodeScan.makefileModules(root);
    }

    @Test
    void template_shouldDeclareTheSixFunctions() {
        assertEquals(List.of("PartnerKeyFunction", "VendorEventsFunction", "UsagePushFunction",
                        "AccountSyncScheduleFunction", "AccountSyncWorkerFunction", "AlertDispatchFunction"),
                List.copyOf(template.resourcesOfType(Template.FUNCTION).keySet()));
    }

    @Test
    void queues_shouldEachHaveADeadLetterQueueWithRetentionAndAlarm() {
        assertEquals(Set.of("UsageDeadLetterQueue", "SyncDeadLetterQueue", "AlertDeadLetterQueue"),
                TemplateRules.deadLetterQueues(template));
        assertEquals(List.of(), TemplateRules.queuesWithoutDeadLetterQueue(template));
        assertEquals(List.of(), TemplateRules.deadLetterQueueProblems(template));
    }

    @Test
    void sqsEventSources_shouldReportBatchItemFailures() {
        assertEquals(List.of(), TemplateRules.sqsEventsWithoutBatchItemFailures(template));
    }

    @Test
    void queues_shouldOutwaitTheirConsumersSixTimes() {
        assertEquals(List.of(), TemplateRules.visibilityTimeoutProblems(template));
    }

    @Test
    void gradientRate_shouldBeOneBudgetWithinGradientsLimit() {
        assertEquals(List.of(), TemplateRules.gradientRateProblems(template));
    }

    @Test
    void template_shouldHardCodeNoNamesArnsAccountsOrRegions() {
        assertEquals(List.of(), TemplateRules.hardCodedNames(template));
    }

    @Test
    void api_shouldRequireTheKeyOnPortalRoutesOnly() {
        assertEquals(List.of(), TemplateRules.apiKeyProblems(template));
    }

    @Test
    void functions_shouldBeBuiltByTheRootMakefile() {
        assertEquals(List.of(), TemplateRules.buildProblems(template, modules));
        assertTrue(template.resourcesOfType(Template.FUNCTION).keySet().containsAll(modules.keySet()),
                "the Makefile maps a function the template does not declare: " + modules.keySet());
    }

    @Test
    void functions_shouldGetEveryEnvironmentVariableTheirCodeReads() {
        List<String> problems = new ArrayList<>();
        for (String function : template.resourcesOfType(Template.FUNCTION).keySet()) {
            String module = modules.containsKey(function) ? "functions/" + modules.get(function) : null;
            Set<String> read = CodeScan.environmentVariablesRead(root, module);
            // The scan must see at least the observability variables, or it is looking in the wrong place.
            assertTrue(read.containsAll(Set.of("LOG_LEVEL", "METRICS_NAMESPACE")), "scan found only " + read);
            problems.addAll(TemplateRules.missingEnvironmentVariables(template, function, read, "its code reads"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void functions_shouldGetEveryDocumentedVariable() {
        Set<String> documented = CodeScan.documentedVariables(root);
        assertTrue(documented.contains("TABLE_NAME"), "configuration table not found: " + documented);
        List<String> problems = new ArrayList<>();
        for (String function : template.resourcesOfType(Template.FUNCTION).keySet()) {
            problems.addAll(TemplateRules.missingEnvironmentVariables(template, function, documented,
                    "docs/ARCHITECTURE.md documents"));
        }
        assertEquals(List.of(), problems);
    }
}
