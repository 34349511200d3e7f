package io.gradientconnector.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dependency rule of the house, as ArchUnit rules over a root package (the connector's, or a test fixture's,
 * so the rules themselves are shown to catch a violation). The rooms, innermost first:
 * <ul>
 *   <li>{@code domain} — records, value types and rules: nothing of ours, no AWS, HTTP or JSON library;</li>
 *   <li>{@code port} — the interfaces use cases need, and their typed outcomes: domain only;</li>
 *   <li>{@code app} — one service per use case: domain, port and observability only, no AWS or HTTP types;</li>
 *   <li>{@code adapter.*} — one backend each: never app, lambda or another adapter;</li>
 *   <li>{@code lambda} — what every handler shares; only its composition root ({@code Components}) builds
 *       adapters;</li>
 *   <li>{@code observability} — JSON log lines and metrics, used everywhere, depending on nothing of ours.</li>
 * </ul>
 * Test fixtures (package {@code testing}) never reach production code.
 */
final class DependencyRules {

    static final String COMPOSITION_ROOT = "Components";

    private static final String[] AWS_OR_HTTP = {
            "software.amazon..", "com.amazonaws..", "java.net.http..", "com.sun.net.httpserver.."};

    private DependencyRules() {
    }

    /** Every rule, by name, for classes under {@code root}. */
    static Map<String, ArchRule> of(String root) {
        String domain = root + ".domain..";
        String port = root + ".port..";
        String app = root + ".app..";
        String adapter = root + ".adapter..";
        String lambda = root + ".lambda..";
        String observability = root + ".observability..";
        String testing = root + ".testing..";
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("domain depends on nothing of ours and on no AWS, HTTP or JSON library", noClasses()
                .that().resideInAPackage(domain)
                .should().dependOnClassesThat().resideInAnyPackage(port, app, adapter, lambda, observability, testing)
                .orShould().dependOnClassesThat().resideInAnyPackage(AWS_OR_HTTP)
                .orShould().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind.."));
        rules.put("port depends on domain only", noClasses()
                .that().resideInAPackage(port)
                .should().dependOnClassesThat().resideInAnyPackage(app, adapter, lambda, testing)
                .orShould().dependOnClassesThat().resideInAnyPackage(AWS_OR_HTTP));
        rules.put("app depends on domain, port and observability only", noClasses()
                .that().resideInAPackage(app)
                .should().dependOnClassesThat().resideInAnyPackage(adapter, lambda, testing)
                .orShould().dependOnClassesThat().resideInAnyPackage(AWS_OR_HTTP));
        rules.put("adapters never depend on app, lambda or test fixtures", noClasses()
                .that().resideInAPackage(adapter)
                .should().dependOnClassesThat().resideInAnyPackage(app, lambda, testing));
        rules.put("adapters do not depend on each other", slices()
                .matching(root + ".adapter.(*)..")
                .should().notDependOnEachOther());
        rules.put("nothing but the composition root builds or names an adapter", noClasses()
                .that().resideOutsideOfPackage(adapter)
                .and().doNotHaveFullyQualifiedName(root + ".lambda." + COMPOSITION_ROOT)
                .should().dependOnClassesThat().resideInAPackage(adapter));
        rules.put("observability depends on nothing of ours", noClasses()
                .that().resideInAPackage(observability)
                .should().dependOnClassesThat().resideInAnyPackage(domain, port, app, adapter, lambda, testing));
        rules.put("no in-memory fake or fixture in production code", classes()
                .that().resideInAPackage(root + "..")
                .should().haveSimpleNameNotStartingWith("InMemory")
                .andShould().haveSimpleNameNotStartingWith("Fake")
                .andShould().resideOutsideOfPackage(testing));
        rules.put("the rooms form no cycle", slices()
                .matching(root + ".(*)..")
                .should().beFreeOfCycles());
        return rules;
    }
}
