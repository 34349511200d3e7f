package io.gradientconnector.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The dependency rule ({@link DependencyRules}) holds for the production classes of {@code shared}, and each rule
 * is shown to fail on a fixture house that breaks it.
 */
class ArchitectureTest {

    private static final String ROOT = "io.gradientconnector";
    private static final String FIXTURE = "io.gradientconnector.architecture.fixture";

    private static JavaClasses production;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void productionClasses_shouldBeImported_fromEveryRoom() {
        for (String room : new String[] {"domain", "port", "app", "adapter", "lambda", "observability"}) {
            assertTrue(production.containPackage(ROOT + "." + room), "no production class found in " + room);
        }
        assertFalse(production.containPackage(ROOT + ".testing"), "test fixtures were imported as production");
    }

    @TestFactory
    Stream<DynamicTest> everyRule_shouldHold_forProductionClasses() {
        return DependencyRules.of(ROOT).entrySet().stream().map(rule -> DynamicTest.dynamicTest(rule.getKey(),
                () -> rule.getValue().check(production)));
    }

    @TestFactory
    Stream<DynamicTest> everyRule_shouldReportAViolation_whenTheFixtureHouseBreaksIt() {
        Map<String, ArchRule> rules = DependencyRules.of(FIXTURE);
        assertEquals(DependencyRules.of(ROOT).keySet(), rules.keySet());
        return rules.entrySet().stream().map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
            EvaluationResult result = rule.getValue().evaluate(fixture);
            assertTrue(result.hasViolation(), "the fixture breaks \"" + rule.getKey() + "\" but the rule passed");
        }));
    }
}
