package io.gradientconnector.localrun;

import io.gradientconnector.emulator.MotoServer;
import io.gradientconnector.localrun.aws.AwsConnection;
import io.gradientconnector.localrun.aws.ServiceCatalogUpload;
import io.gradientconnector.localrun.aws.LocalResources;
import io.gradientconnector.localrun.aws.StackProvisioner;
import io.gradientconnector.localrun.function.FunctionArtifacts;
import io.gradientconnector.localrun.function.FunctionCode;
import io.gradientconnector.localrun.function.LocalFunctions;
import io.gradientconnector.localrun.host.ApiHost;
import io.gradientconnector.localrun.template.ApiRoute;
import io.gradientconnector.localrun.template.FunctionDefinition;
import io.gradientconnector.localrun.template.FunctionDefinitions;
import io.gradientconnector.localrun.template.Intrinsics;
import io.gradientconnector.localrun.template.PseudoParameters;
import io.gradientconnector.localrun.template.QueueTrigger;
import io.gradientconnector.localrun.template.SamTemplate;
import io.gradientconnector.localrun.template.ScheduleTrigger;
import io.gradientconnector.localrun.trigger.QueuePoller;
import io.gradientconnector.localrun.trigger.ScheduleRunner;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.PartnerIds;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxMain;
import io.gradientconnector.sandbox.SandboxOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole connector on one machine, built from template.yaml: an AWS emulator (moto from the venv, or
 * {@code AWS_ENDPOINT_URL}), the template's tables, queues and secrets on it, the Gradient sandbox (or
 * {@code GRADIENT_BASE_URL}), every function in its own JVM(s), the API routes on 127.0.0.1, and the queue triggers
 * and schedules. {@link #start(Options)} brings it all up; {@link #close()} takes it all down in reverse order,
 * child processes included. Used by {@link LocalRunMain} ({@code make run}) and in-process by tests.
 *
 * <p>Thread-safe after start; {@link #close()} is idempotent.
 */
public final class LocalRunner implements AutoCloseable {

    /** Environment variables that name the two secrets whose local values the runner chooses (ARCHITECTURE.md). */
    static final String VENDOR_KEY_VARIABLE = "VENDOR_KEY_SECRET_ID";
    static final String WEBHOOK_SECRET_VARIABLE = "WEBHOOK_SECRET_ID";

    private final Options options;
    private final Deque<AutoCloseable> resources;
    private final URI awsEndpoint;
    private final Optional<URI> sandboxUri;
    private final Optional<PartnerIds> demoPartner;
    private final URI gradientBaseUrl;
    private final ApiHost host;
    private final LocalFunctions functions;
    private final LocalResources stack;
    private final List<FunctionDefinition> definitions;
    private final List<String> provisioned;
    private boolean closed;

    private LocalRunner(Options options, Deque<AutoCloseable> resources, URI awsEndpoint, Optional<URI> sandboxUri,
                        Optional<PartnerIds> demoPartner, URI gradientBaseUrl, ApiHost host, LocalFunctions functions,
                        LocalResources stack, List<FunctionDefinition> definitions, List<String> provisioned) {
        this.options = options;
        this.resources = resources;
        this.awsEndpoint = awsEndpoint;
        this.sandboxUri = sandboxUri;
        this.demoPartner = demoPartner;
        this.gradientBaseUrl = gradientBaseUrl;
        this.host = host;
        this.functions = functions;
        this.stack = stack;
        this.definitions = definitions;
        this.provisioned = provisioned;
    }

    /** Starts everything; on a failure, stops what was started and rethrows. */
    public static LocalRunner start(Options options) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            return startInto(options, started);
        } catch (RuntimeException e) {
            closeAll(started, options.console);
            throw e;
        }
    }

    private static LocalRunner startInto(Options options, Deque<AutoCloseable> started) {
        ConsoleLog console = options.console;
        SamTemplate template = SamTemplate.load(options.template);

        URI endpoint;
        if (options.awsEndpoint.isPresent()) {
            endpoint = options.awsEndpoint.get();
            console.info("AWS: using AWS_ENDPOINT_URL " + endpoint + " (no moto started)");
        } else {
            Path log = tempFile("moto-", ".log");
            console.info("AWS: starting moto from " + MotoServer.venvOf(options.root) + " (log " + log + ")");
            MotoServer moto = MotoServer.start(MotoServer.venvOf(options.root), options.awsPort, log);
            started.push(moto);
            endpoint = moto.endpoint();
        }
        AwsConnection aws = AwsConnection.create(endpoint, PseudoParameters.LOCAL_REGION);
        started.push(aws);

        Optional<URI> sandboxUri = Optional.empty();
        Optional<PartnerIds> demo = Optional.empty();
        URI gradient;
        if (options.gradientBaseUrl.isPresent()) {
            gradient = options.gradientBaseUrl.get();
            console.info("Gradient: using GRADIENT_BASE_URL " + gradient + " (no sandbox started)");
        } else {
            GradientSandbox sandbox = GradientSandbox.start(SandboxOptions.builder().port(options.sandboxPort)
                    .autoMapNewAccountsAndServices(options.sandboxAutoMap).clock(options.clock).build());
            started.push(sandbox);
            demo = Optional.of(SandboxMain.seedDemo(new SandboxControl(sandbox.baseUri()), options.vendorApiKey));
            sandboxUri = Optional.of(sandbox.baseUri());
            gradient = sandbox.baseUri();
        }

        PseudoParameters pseudo = new PseudoParameters(options.stackName, PseudoParameters.LOCAL_REGION,
                PseudoParameters.LOCAL_ACCOUNT_ID);
        LocalResources stack = new LocalResources(options.stackName);
        // The vendor's catalog lives in S3 (docs/CATALOG.md): unless told otherwise, put the example there.
        Map<String, String> overrides = new java.util.HashMap<>(options.parameterOverrides);
        boolean uploadCatalog = template.hasParameter(ServiceCatalogUpload.BUCKET_PARAMETER)
                && !overrides.containsKey(ServiceCatalogUpload.BUCKET_PARAMETER);
        if (uploadCatalog) {
            overrides.put(ServiceCatalogUpload.BUCKET_PARAMETER, ServiceCatalogUpload.localBucket(options.stackName));
            overrides.put(ServiceCatalogUpload.KEY_PARAMETER, ServiceCatalogUpload.LOCAL_KEY);
        }
        Intrinsics intrinsics = new Intrinsics(template, overrides, pseudo, stack);
        List<String> provisioned = new java.util.ArrayList<>(new StackProvisioner(template, intrinsics, stack, aws,
                Map.of(VENDOR_KEY_VARIABLE, options.vendorApiKey,
                        WEBHOOK_SECRET_VARIABLE, options.webhookSecret)).provision());
        if (uploadCatalog) {
            provisioned.add(ServiceCatalogUpload.upload(aws, overrides.get(ServiceCatalogUpload.BUCKET_PARAMETER),
                    overrides.get(ServiceCatalogUpload.KEY_PARAMETER), options.root.resolve(ServiceCatalogUpload.EXAMPLE)));
        }
        provisioned.forEach(line -> console.info("created " + line));

        List<FunctionDefinition> definitions = FunctionDefinitions.read(template, intrinsics);
        Map<String, String> base = baseEnvironment(aws, gradient);
        LocalFunctions functions = LocalFunctions.start(definitions, options.code, options.whyMissing,
                function -> functionEnvironment(function, base, options.stackName), console);
        started.push(functions);
        functions.unavailable().forEach((id, why) -> console.info(id + " cannot run: " + why));

        List<ApiRoute> routes = definitions.stream().flatMap(f -> f.routes().stream()).toList();
        ApiHost host = ApiHost.start(options.apiPort, routes, functions, idsOf(definitions).keySet(),
                options.portalApiKey, stageOf(template, intrinsics), options.clock, console);
        started.push(host);

        for (FunctionDefinition function : definitions) {
            for (QueueTrigger trigger : function.queues()) {
                if (!trigger.enabled() || functions.unavailable().containsKey(function.logicalId())) {
                    continue;
                }
                started.push(QueuePoller.builder().trigger(trigger)
                        .queue(stack.attribute(trigger.queueId(), "QueueName"), stack.queueUrl(trigger.queueId()),
                                stack.attribute(trigger.queueId(), "Arn"))
                        .region(aws.region()).sqs(aws.sqs()).functions(functions).clock(options.clock)
                        .idleDelay(options.pollIdleDelay).console(console).build().start());
            }
        }
        List<ScheduleTrigger> schedules = definitions.stream()
                .filter(f -> !functions.unavailable().containsKey(f.logicalId()))
                .flatMap(f -> f.schedules().stream()).toList();
        started.push(ScheduleRunner.start(schedules, functions, options.schedulePeriod, options.firstScheduleRun,
                aws.region(), options.clock, console));

        return new LocalRunner(options, started, endpoint, sandboxUri, demo, gradient, host, functions, stack,
                definitions, provisioned);
    }

    private static String stageOf(SamTemplate template, Intrinsics intrinsics) {
        for (String api : template.resourcesOfType("AWS::Serverless::Api")) {
            Object stage = intrinsics.resolve(template.properties(api).get("StageName"));
            if (stage != null) {
                return SamTemplate.scalar(stage);
            }
        }
        return "local";
    }

    private static Map<String, FunctionDefinition> idsOf(List<FunctionDefinition> definitions) {
        Map<String, FunctionDefinition> ids = new LinkedHashMap<>();
        definitions.forEach(d -> ids.put(d.logicalId(), d));
        return ids;
    }

    /** What every function's JVM gets besides its template environment. */
    private static Map<String, String> baseEnvironment(AwsConnection aws, URI gradient) {
        Map<String, String> env = new HashMap<>();
        for (String inherited : List.of("PATH", "HOME", "TMPDIR", "LANG")) {
            String value = System.getenv(inherited);
            if (value != null) {
                env.put(inherited, value);
            }
        }
        env.put("TZ", ":UTC");
        env.putAll(aws.functionEnvironment());
        env.put("GRADIENT_BASE_URL", gradient.toString());
        return env;
    }

    private static Map<String, String> functionEnvironment(FunctionDefinition function, Map<String, String> base,
                                                           String stackName) {
        Map<String, String> env = new HashMap<>(function.environment());
        env.putAll(base);
        String name = stackName + "-" + function.logicalId();
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        return env;
    }

    public URI apiBaseUri() {
        return host.baseUri();
    }

    public URI awsEndpoint() {
        return awsEndpoint;
    }

    /** The in-process sandbox, when no GRADIENT_BASE_URL was given. */
    public Optional<URI> sandboxUri() {
        return sandboxUri;
    }

    /** The demo partner's ids in the sandbox. */
    public Optional<PartnerIds> demoPartner() {
        return demoPartner;
    }

    public URI gradientBaseUrl() {
        return gradientBaseUrl;
    }

    public List<FunctionDefinition> functions() {
        return definitions;
    }

    public List<ApiRoute> routes() {
        return host.routes();
    }

    public LocalResources resources() {
        return stack;
    }

    public List<String> provisioned() {
        return provisioned;
    }

    public Map<String, String> unavailableFunctions() {
        return functions.unavailable();
    }

    /** Process ids of the function JVMs alive now. */
    public List<Long> functionPids() {
        return functions.pids();
    }

    public Options options() {
        return options;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(resources, options.console);
    }

    private static void closeAll(Deque<AutoCloseable> started, ConsoleLog console) {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                console.info("stopping " + resource.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    private static Path tempFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary file", e);
        }
    }

    /** How to start; {@link #fromSettings} for {@code make run}. Build with {@link #builder(Path)}. */
    public static final class Options {
        private final Path root;
        private final Path template;
        private final String stackName;
        private final int apiPort;
        private final int sandboxPort;
        private final int awsPort;
        private final Optional<URI> awsEndpoint;
        private final Optional<URI> gradientBaseUrl;
        private final String vendorApiKey;
        private final String webhookSecret;
        private final String portalApiKey;
        private final Optional<Duration> schedulePeriod;
        private final Duration firstScheduleRun;
        private final boolean sandboxAutoMap;
        private final Map<String, String> parameterOverrides;
        private final Function<String, Optional<FunctionCode>> code;
        private final Function<String, String> whyMissing;
        private final Duration pollIdleDelay;
        private final ConsoleLog console;
        private final Clock clock;

        private Options(Builder b) {
            this.root = b.root;
            this.template = b.template;
            this.stackName = b.stackName;
            this.apiPort = b.apiPort;
            this.sandboxPort = b.sandboxPort;
            this.awsPort = b.awsPort;
            this.awsEndpoint = b.awsEndpoint;
            this.gradientBaseUrl = b.gradientBaseUrl;
            this.vendorApiKey = b.vendorApiKey;
            this.webhookSecret = b.webhookSecret;
            this.portalApiKey = b.portalApiKey;
            this.schedulePeriod = b.schedulePeriod;
            this.firstScheduleRun = b.firstScheduleRun;
            this.sandboxAutoMap = b.sandboxAutoMap;
            this.parameterOverrides = Map.copyOf(b.parameterOverrides);
            this.code = b.code;
            this.whyMissing = b.whyMissing;
            this.pollIdleDelay = b.pollIdleDelay;
            this.console = b.console;
            this.clock = b.clock;
        }

        public static Builder builder(Path root) {
            return new Builder(root);
        }

        public static Options fromSettings(LocalSettings settings, ConsoleLog console) {
            return builder(settings.root()).apiPort(settings.apiPort()).sandboxPort(settings.sandboxPort())
                    .awsPort(settings.awsPort()).awsEndpoint(settings.awsEndpoint())
                    .gradientBaseUrl(settings.gradientBaseUrl()).vendorApiKey(settings.vendorApiKey())
                    .webhookSecret(settings.webhookSecret()).portalApiKey(settings.portalApiKey())
                    .schedulePeriod(settings.schedulePeriod()).sandboxAutoMap(settings.sandboxAutoMap())
                    .console(console).build();
        }

        public Path root() {
            return root;
        }

        public String portalApiKey() {
            return portalApiKey;
        }

        public String webhookSecret() {
            return webhookSecret;
        }

        public String stackName() {
            return stackName;
        }

        public Optional<Duration> schedulePeriod() {
            return schedulePeriod;
        }

        /** Mutable builder; not thread-safe. */
        public static final class Builder {
            private final Path root;
            private Path template;
            private String stackName = PseudoParameters.LOCAL_STACK_NAME;
            private int apiPort = LocalSettings.DEFAULT_API_PORT;
            private int sandboxPort = LocalSettings.DEFAULT_SANDBOX_PORT;
            private int awsPort = LocalSettings.DEFAULT_AWS_PORT;
            private Optional<URI> awsEndpoint = Optional.empty();
            private Optional<URI> gradientBaseUrl = Optional.empty();
            private String vendorApiKey = LocalSettings.DEFAULT_VENDOR_API_KEY;
            private String webhookSecret = LocalSettings.DEFAULT_WEBHOOK_SECRET;
            private String portalApiKey = LocalSettings.DEFAULT_PORTAL_API_KEY;
            private Optional<Duration> schedulePeriod = Optional.empty();
            private Duration firstScheduleRun = Duration.ofSeconds(5);
            private boolean sandboxAutoMap = true;
            private Map<String, String> parameterOverrides = Map.of();
            private Function<String, Optional<FunctionCode>> code;
            private Function<String, String> whyMissing;
            private Duration pollIdleDelay = Duration.ofMillis(250);
            private ConsoleLog console = new ConsoleLog(System.out);
            private Clock clock = Clock.systemUTC();

            private Builder(Path root) {
                this.root = Objects.requireNonNull(root, "root");
                this.template = root.resolve("template.yaml");
            }

            public Builder template(Path template) {
                this.template = template;
                return this;
            }

            /** Physical names are {@code <stackName>-<LogicalId>}; tests sharing an emulator use distinct ones. */
            public Builder stackName(String stackName) {
                this.stackName = stackName;
                return this;
            }

            public Builder apiPort(int apiPort) {
                this.apiPort = apiPort;
                return this;
            }

            public Builder sandboxPort(int sandboxPort) {
                this.sandboxPort = sandboxPort;
                return this;
            }

            public Builder awsPort(int awsPort) {
                this.awsPort = awsPort;
                return this;
            }

            public Builder awsEndpoint(Optional<URI> awsEndpoint) {
                this.awsEndpoint = awsEndpoint;
                return this;
            }

            public Builder gradientBaseUrl(Optional<URI> gradientBaseUrl) {
                this.gradientBaseUrl = gradientBaseUrl;
                return this;
            }

            public Builder vendorApiKey(String vendorApiKey) {
                this.vendorApiKey = vendorApiKey;
                return this;
            }

            public Builder webhookSecret(String webhookSecret) {
                this.webhookSecret = webhookSecret;
                return this;
            }

            public Builder portalApiKey(String portalApiKey) {
                this.portalApiKey = portalApiKey;
                return this;
            }

            public Builder schedulePeriod(Optional<Duration> schedulePeriod) {
                this.schedulePeriod = schedulePeriod;
                return this;
            }

            public Builder firstScheduleRun(Duration firstScheduleRun) {
                this.firstScheduleRun = firstScheduleRun;
                return this;
            }

            public Builder sandboxAutoMap(boolean sandboxAutoMap) {
                this.sandboxAutoMap = sandboxAutoMap;
                return this;
            }

            public Builder parameterOverrides(Map<String, String> parameterOverrides) {
                this.parameterOverrides = parameterOverrides;
                return this;
            }

            /** Where each function's code is; by default the built artifacts the Makefile names. */
            public Builder code(Function<String, Optional<FunctionCode>> code, Function<String, String> whyMissing) {
                this.code = code;
                this.whyMissing = whyMissing;
                return this;
            }

            public Builder pollIdleDelay(Duration pollIdleDelay) {
                this.pollIdleDelay = pollIdleDelay;
                return this;
            }

            public Builder console(ConsoleLog console) {
                this.console = console;
                return this;
            }

            public Builder clock(Clock clock) {
                this.clock = clock;
                return this;
            }

            public Options build() {
                if (code == null) {
                    FunctionArtifacts artifacts = FunctionArtifacts.fromMakefile(root);
                    code = artifacts::code;
                    whyMissing = artifacts::whyMissing;
                }
                Objects.requireNonNull(whyMissing, "whyMissing");
                if (firstScheduleRun.isNegative()) {
                    throw new IllegalArgumentException("firstScheduleRun must not be negative");
                }
                List<String> problems = new ArrayList<>();
                if (vendorApiKey == null || vendorApiKey.isBlank()) {
                    problems.add("vendorApiKey");
                }
                if (webhookSecret == null || webhookSecret.isBlank()) {
                    problems.add("webhookSecret");
                }
                if (portalApiKey == null || portalApiKey.isBlank()) {
                    problems.add("portalApiKey");
                }
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException("empty: " + problems);
                }
                return new Options(this);
            }
        }
    }
}
