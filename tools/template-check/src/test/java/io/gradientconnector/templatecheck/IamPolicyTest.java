package io.gradientconnector.templatecheck;

import static io.gradientconnector.templatecheck.Template.list;
import static io.gradientconnector.templatecheck.Template.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.cfn.CfnYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each function's IAM policy grants exactly the AWS actions its code can call: nothing missing (a call would fail
 * with AccessDenied in production, where no emulator catches it) and nothing extra.
 *
 * <p>How the expected grants are derived:
 * <ol>
 *   <li>{@link #ADAPTER_CALLS}: the SDK operations each AWS adapter class calls. The test scans every adapter source
 *       for {@code client.<operation>(} (following the package helpers it uses, such as {@code DynamoDbQueries}),
 *       so an SDK call added without an entry here fails.</li>
 *   <li>SDK operation → IAM action ({@link #ACTIONS}); {@code transactWriteItems} has no action of its own and
 *       needs the action of each kind of item it writes ({@code TransactWriteItem.builder().put/update/delete/
 *       conditionCheck}, also scanned). A class that queries with {@code indexName(...)} queries the index ARN.</li>
 *   <li>{@link #COMPONENTS}: the adapters behind each {@code Components} method a handler calls (its use case's
 *       stores, queue and vault roles), and the Components methods each handler calls, scanned from its source.</li>
 * </ol>
 * Granularity is the adapter class: a function wiring a store may call any of its operations. Grants are compared as
 * {@code action on resource}, with resources named by logical id ({@code Table}, {@code Table/index/byKind},
 * {@code SyncQueue}, {@code PartnerSecrets} for the partner key prefix, ...). Policies must be explicit
 * {@code Statement}s: SAM's policy templates grant more than the code calls.
 */
class IamPolicyTest {

    /** The SDK operations each adapter calls; verified against the sources. */
    static final Map<String, Set<String>> ADAPTER_CALLS = Map.ofEntries(
            Map.entry("DynamoDbPartnerStore", Set.of("getItem", "updateItem")),
            Map.entry("DynamoDbAccountStore", Set.of("getItem", "updateItem")),
            Map.entry("DynamoDbCatalogStore", Set.of("getItem", "putItem", "updateItem")), // updateItem: the create claim
            Map.entry("DynamoDbUsageLedger", Set.of("getItem", "updateItem")),
            Map.entry("DynamoDbEventJournal", Set.of("getItem", "putItem", "transactWriteItems")),
            Map.entry("DynamoDbPartnerLocks", Set.of("putItem", "deleteItem")),
            Map.entry("DynamoDbPendingDeliveries", Set.of("putItem", "deleteItem", "query")),
            Map.entry("DynamoDbPushAuditLog", Set.of("putItem")), // and query, through DynamoDbQueries
            Map.entry("DynamoDbRateBudget", Set.of("updateItem")), // the one Gradient rate budget
            Map.entry("DynamoDbQueries", Set.of("query")), // used by the stores that list or page
            Map.entry("SqsSyncQueue", Set.of("sendMessage")),
            Map.entry("SqsAlertQueue", Set.of("sendMessage")), // a delayed look; SqsBatchSender for the rest
            Map.entry("DynamoDbAlertStore", Set.of("getItem", "putItem", "updateItem")),
            Map.entry("SqsBatchSender", Set.of("sendMessageBatch")), // used by both queues
            Map.entry("SecretsManagerKeyVault",
                    Set.of("getSecretValue", "createSecret", "putSecretValue", "deleteSecret", "restoreSecret")),
            Map.entry("S3CatalogObject", Set.of("getObjectAsBytes"))); // the service catalog, once per cold start

    /** SDK operation → IAM action ({@code transactWriteItems} is expanded per item kind instead). */
    static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("getItem", "dynamodb:GetItem"),
            Map.entry("putItem", "dynamodb:PutItem"),
            Map.entry("updateItem", "dynamodb:UpdateItem"),
            Map.entry("deleteItem", "dynamodb:DeleteItem"),
            Map.entry("query", "dynamodb:Query"),
            Map.entry("sendMessage", "sqs:SendMessage"),
            Map.entry("sendMessageBatch", "sqs:SendMessage"), // SendMessageBatch is authorised as SendMessage
            Map.entry("getSecretValue", "secretsmanager:GetSecretValue"),
            Map.entry("createSecret", "secretsmanager:CreateSecret"),
            Map.entry("putSecretValue", "secretsmanager:PutSecretValue"),
            Map.entry("deleteSecret", "secretsmanager:DeleteSecret"),
            Map.entry("restoreSecret", "secretsmanager:RestoreSecret"),
            Map.entry("describeSecret", "secretsmanager:DescribeSecret"),
            Map.entry("getObjectAsBytes", "s3:GetObject"));

    private static final Map<String, String> TRANSACT_ITEM_ACTIONS = Map.of(
            "put", "dynamodb:PutItem", "update", "dynamodb:UpdateItem", "delete", "dynamodb:DeleteItem",
            "conditionCheck", "dynamodb:ConditionCheckItem");

    /** What the key vault is used for; each is a set of secrets and the vault operations on them. */
    enum VaultUse { VENDOR_KEY, WEBHOOK_SECRET, PARTNER_KEYS_READ, PARTNER_KEYS_RETIRE, PARTNER_KEYS_WRITE }

    /** A Components method: the adapters it wires (with the queue each SQS adapter sends to) and the vault uses. */
    record Component(List<String> adapters, Set<VaultUse> vault) {
    }

    /**
     * Every component that calls Gradient draws from the one rate budget ({@code DynamoDbRateBudget}, wired beneath the
     * Gradient client). Reviewed against the use cases: e.g. {@code partnerUseCases} (ConnectPartner, DescribePartner, DisconnectPartner,
     * RequestSync, ListPartnerClients) reads and writes partners, accounts and ledger rows, takes the partner lock,
     * reads the vendor key, writes partner keys and queues syncs.
     */
    /*
     * S3CatalogObject everywhere: the stores are built with the catalog (the journal files a SKU's usage under its
     * service's row), so every component that uses the stores reads the catalog object at cold start.
     */
    static final Map<String, Component> COMPONENTS = Map.of(
            // Every Components.gradient() is audited (AuditedGradient) and draws from the one rate budget: DynamoDbPushAuditLog
            // and DynamoDbRateBudget wherever Gradient is used.
            "partnerUseCases", new Component(List.of("DynamoDbPartnerStore", "DynamoDbAccountStore",
                    "DynamoDbUsageLedger", "DynamoDbPartnerLocks", "SqsSyncQueue", "DynamoDbAlertStore",
                    "DynamoDbPushAuditLog", "DynamoDbRateBudget", "S3CatalogObject"),
                    Set.of(VaultUse.VENDOR_KEY, VaultUse.PARTNER_KEYS_WRITE)),
            // ListPartners, ReconciliationReport, PushHistory: read-only.
            "reportUseCases", new Component(List.of("DynamoDbPartnerStore", "DynamoDbUsageLedger",
                    "DynamoDbCatalogStore", "DynamoDbPushAuditLog", "S3CatalogObject"), Set.of()),
            "vendorEvents", new Component(List.of("DynamoDbEventJournal", "DynamoDbUsageLedger", "DynamoDbPartnerStore",
                    "DynamoDbPendingDeliveries", "SqsUsageQueue", "SqsAlertQueue", "S3CatalogObject"),
                    Set.of(VaultUse.WEBHOOK_SECRET)),
            "usagePush", new Component(List.of("DynamoDbPartnerStore", "DynamoDbUsageLedger", "DynamoDbCatalogStore",
                    "DynamoDbPushAuditLog", "DynamoDbRateBudget", "S3CatalogObject"), Set.of(VaultUse.VENDOR_KEY, VaultUse.PARTNER_KEYS_READ)),
            // SyncPreview (the portal's dry run): reads partners, accounts, known services and ledger rows, the keys.
            "syncPreview", new Component(List.of("DynamoDbPartnerStore", "DynamoDbAccountStore", "DynamoDbCatalogStore",
                    "DynamoDbUsageLedger", "DynamoDbPushAuditLog", "DynamoDbRateBudget", "S3CatalogObject"),
                    Set.of(VaultUse.VENDOR_KEY, VaultUse.PARTNER_KEYS_READ)),
            "syncFanOut", new Component(List.of("DynamoDbPartnerStore", "SqsSyncQueue", "S3CatalogObject"), Set.of()),
            "pendingDeliverySweep", new Component(List.of("DynamoDbEventJournal", "DynamoDbUsageLedger",
                    "DynamoDbPartnerStore", "DynamoDbPendingDeliveries", "SqsUsageQueue", "SqsAlertQueue",
                    "S3CatalogObject"), Set.of()),
            // PartnerSync, ServiceSync, AccountSync, and usagePush for the re-push; the partner lock and the key's deletion
            // for a disconnection still retrying "inactive" (KeyRetirement); WaitingAlerts: the alerts parked until a
            // sync go back to the alert queue.
            "partnerSync", new Component(List.of("DynamoDbPartnerStore", "DynamoDbAccountStore", "DynamoDbCatalogStore",
                    "DynamoDbUsageLedger", "DynamoDbPartnerLocks", "DynamoDbAlertStore", "SqsAlertQueue",
                    "DynamoDbPushAuditLog", "DynamoDbRateBudget", "S3CatalogObject"),
                    Set.of(VaultUse.VENDOR_KEY, VaultUse.PARTNER_KEYS_READ, VaultUse.PARTNER_KEYS_RETIRE)),
            // AlertDispatch: the alert store, its own queue (the next look), partners, the catalog's Gradient ids.
            // Its Gradient is audited too (AuditedGradient), though alerts are not count pushes.
            "alertDispatch", new Component(List.of("DynamoDbAlertStore", "SqsAlertQueue", "DynamoDbPartnerStore",
                    "DynamoDbCatalogStore", "DynamoDbPushAuditLog", "DynamoDbRateBudget", "S3CatalogObject"),
                    Set.of(VaultUse.VENDOR_KEY, VaultUse.PARTNER_KEYS_READ)));

    /** Components methods that build no AWS adapter. */
    private static final Set<String> PLAIN_COMPONENTS = Set.of("clock", "config", "log", "metrics", "function");

    /** The resource each non-table adapter acts on. */
    private static final Map<String, String> QUEUES = Map.of("SqsSyncQueue", "SyncQueue", "SqsUsageQueue", "UsageQueue",
            "SqsAlertQueue", "AlertQueue", "S3CatalogObject", "ServiceCatalogObject");

    private static final Pattern CLIENT_CALL = Pattern.compile("\\bclient\\s*\\.\\s*(\\w+)\\s*\\(");
    private static final Pattern TRANSACT_ITEM =
            Pattern.compile("TransactWriteItem\\s*\\.\\s*builder\\(\\)\\s*\\.\\s*(put|update|delete|conditionCheck)\\s*\\(");
    private static final Pattern INDEX_NAME = Pattern.compile("\\.indexName\\(\\s*Keys\\.(\\w+)\\s*\\)");
    private static final Pattern COMPONENT_CALL = Pattern.compile("\\bcomponents\\s*\\.\\s*(\\w+)\\s*\\(\\s*\\)");
    private static final Pattern SUB_ATT = Pattern.compile("\\$\\{(\\w+)\\.Arn}");

    private static Path root;
    private static Template template;
    private static Map<String, String> adapterSources;

    @BeforeAll
    static void load() throws IOException {
        root = CodeScan.repositoryRoot();
        template = new Template(CfnYaml.load(root.resolve("template.yaml")));
        adapterSources = new TreeMap<>();
        for (String pkg : List.of("dynamodb", "sqs", "secretsmanager", "s3")) {
            Path dir = root.resolve("shared/src/main/java/io/gradientconnector/adapter/" + pkg);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String name = file.getFileName().toString().replace(".java", "");
                    adapterSources.put(name, Files.readString(file));
                }
            }
        }
    }

    @Test
    void adapterCallTable_shouldListEverySdkCallTheAdaptersMake() {
        Map<String, Set<String>> scanned = new TreeMap<>();
        adapterSources.forEach((name, source) -> {
            Set<String> calls = matches(CLIENT_CALL, source);
            if (!calls.isEmpty()) {
                scanned.put(name, calls);
            }
        });
        assertEquals(new TreeMap<>(ADAPTER_CALLS), scanned,
                "an adapter's SDK calls changed: update ADAPTER_CALLS, then the template's policies");
        for (Set<String> calls : ADAPTER_CALLS.values()) {
            for (String call : calls) {
                assertTrue(ACTIONS.containsKey(call) || call.equals("transactWriteItems"),
                        "no IAM action mapped for SDK call " + call);
            }
        }
    }

    @Test
    void handlers_shouldUseOnlyComponentsWhoseAdaptersAreKnown() {
        for (String function : template.resourcesOfType(Template.FUNCTION).keySet()) {
            Set<String> used = componentsUsed(function);
            assertTrue(!used.isEmpty(), function + ": no Components call found in its handler");
            for (String component : used) {
                assertTrue(COMPONENTS.containsKey(component),
                        function + " calls Components." + component + "(): add it to COMPONENTS");
            }
        }
    }

    @Test
    void functions_shouldBeGrantedExactlyTheActionsTheirCodeCalls() {
        List<String> problems = new ArrayList<>();
        for (String function : template.resourcesOfType(Template.FUNCTION).keySet()) {
            Set<String> expected = expectedGrants(function);
            Set<String> granted = grants(function, problems);
            for (String grant : expected) {
                if (!granted.contains(grant)) {
                    problems.add(function + " is missing " + grant);
                }
            }
            for (String grant : granted) {
                if (!expected.contains(grant)) {
                    problems.add(function + " is granted " + grant + ", which its code never calls");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The "action on resource" grants the function's code needs. */
    static Set<String> expectedGrants(String function) {
        Set<String> grants = new TreeSet<>();
        for (String componentName : componentsUsed(function)) {
            Component component = COMPONENTS.get(componentName);
            for (String adapter : component.adapters()) {
                String resource = QUEUES.getOrDefault(adapter, "Table");
                for (String action : actions(adapter)) {
                    List<String> indexes = indexesQueried(adapter);
                    if (action.equals("dynamodb:Query") && !indexes.isEmpty()) {
                        indexes.forEach(index -> grants.add(action + " on Table/index/" + index));
                    } else {
                        grants.add(action + " on " + resource);
                    }
                }
            }
            for (VaultUse use : component.vault()) {
                grants.addAll(vaultGrants(use));
            }
        }
        return grants;
    }

    /** The GSIs an adapter queries ({@code .indexName(Keys.X)}), by name; empty when it queries the table only. */
    static List<String> indexesQueried(String adapter) {
        List<String> names = new ArrayList<>();
        for (String constant : matches(INDEX_NAME, adapterSources.get(adapter))) {
            Matcher value = Pattern.compile("\\b" + constant + "\\s*=\\s*\"([^\"]+)\"").matcher(adapterSources.get("Keys"));
            if (!value.find()) {
                throw new IllegalStateException(adapter + " queries index " + constant + ", which Keys does not define");
            }
            names.add(value.group(1));
        }
        return names;
    }

    private static Set<String> vaultGrants(VaultUse use) {
        String get = "secretsmanager:GetSecretValue";
        return switch (use) {
            case VENDOR_KEY -> Set.of(get + " on VendorKeySecret");
            case WEBHOOK_SECRET -> Set.of(get + " on WebhookSigningSecret");
            case PARTNER_KEYS_READ -> Set.of(get + " on PartnerSecrets");
            case PARTNER_KEYS_RETIRE -> Set.of(get + " on PartnerSecrets", "secretsmanager:DeleteSecret on PartnerSecrets");
            case PARTNER_KEYS_WRITE -> {
                Set<String> all = new TreeSet<>();
                actions("SecretsManagerKeyVault").forEach(action -> all.add(action + " on PartnerSecrets"));
                yield all;
            }
        };
    }

    /** The IAM actions one adapter class can call, following the package helpers it uses. */
    static Set<String> actions(String adapter) {
        Set<String> actions = new TreeSet<>();
        Set<String> classes = new TreeSet<>();
        collectClasses(adapter, classes);
        for (String name : classes) {
            String source = adapterSources.get(name);
            for (String call : ADAPTER_CALLS.getOrDefault(name, Set.of())) {
                if (call.equals("transactWriteItems")) {
                    matches(TRANSACT_ITEM, source).forEach(kind -> actions.add(TRANSACT_ITEM_ACTIONS.get(kind)));
                } else {
                    actions.add(ACTIONS.get(call));
                }
            }
        }
        return actions;
    }

    private static void collectClasses(String name, Set<String> seen) {
        if (!seen.add(name)) {
            return;
        }
        String source = adapterSources.get(name);
        if (source == null) {
            throw new IllegalStateException("no adapter source " + name + ".java");
        }
        for (String other : adapterSources.keySet()) {
            if (!other.equals(name) && ADAPTER_CALLS.containsKey(other)
                    && Pattern.compile("\\b" + other + "\\s*\\.").matcher(source).find()) {
                collectClasses(other, seen);
            }
        }
    }

    /** The Components methods the function's handler calls (its source, by the template's Handler). */
    static Set<String> componentsUsed(String function) {
        String handler = String.valueOf(template.effectiveFunction(function).get("Handler"));
        String className = handler.substring(0, handler.indexOf("::"));
        Path source;
        try (Stream<Path> files = Files.walk(root.resolve("functions"))) {
            String suffix = "src/main/java/" + className.replace('.', '/') + ".java";
            source = files.filter(f -> f.toString().replace('\\', '/').endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no source for " + className));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> used = new TreeSet<>();
        try {
            for (String call : matches(COMPONENT_CALL, Files.readString(source))) {
                if (!PLAIN_COMPONENTS.contains(call)) {
                    used.add(call);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return used;
    }

    /** The "action on resource" grants of the function's policies; anything not an explicit statement is a problem. */
    static Set<String> grants(String function, List<String> problems) {
        Set<String> grants = new TreeSet<>();
        for (Object policy : list(template.effectiveFunction(function).get("Policies"))) {
            Map<String, Object> fields = map(policy);
            if (!fields.containsKey("Statement") || fields.size() != 1) {
                problems.add(function + " uses " + fields.keySet() + ": write explicit statements (SAM's policy"
                        + " templates grant actions the code never calls)");
                continue;
            }
            for (Object statement : list(fields.get("Statement"))) {
                Map<String, Object> s = map(statement);
                if (!"Allow".equals(s.get("Effect"))) {
                    problems.add(function + " has a statement that is not Effect: Allow");
                    continue;
                }
                List<?> actions = s.get("Action") instanceof List<?> l ? l : List.of(s.get("Action"));
                List<?> resources = s.get("Resource") instanceof List<?> l ? l : List.of(s.get("Resource"));
                for (Object action : actions) {
                    for (Object resource : resources) {
                        grants.add(action + " on " + resourceName(resource));
                    }
                }
            }
        }
        return grants;
    }

    /** A logical name for a statement's resource: the resource's logical id, its index, or the partner prefix. */
    static String resourceName(Object resource) {
        Map<String, Object> value = map(resource);
        if (value.containsKey("Ref")) {
            return String.valueOf(value.get("Ref"));
        }
        if (value.get("Fn::GetAtt") instanceof List<?> parts && parts.size() == 2 && "Arn".equals(parts.get(1))) {
            return String.valueOf(parts.get(0));
        }
        Object sub = value.get("Fn::Sub");
        String text = sub instanceof List<?> parts ? String.valueOf(parts.get(0)) : String.valueOf(sub);
        if (text.contains(":secret:${Prefix}*")) {
            return "PartnerSecrets";
        }
        if (text.contains(":s3:::${ServiceCatalogBucket}/${ServiceCatalogKey}")) {
            return "ServiceCatalogObject";
        }
        Matcher att = SUB_ATT.matcher(text);
        return att.find() ? att.replaceFirst(att.group(1)) : text;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
