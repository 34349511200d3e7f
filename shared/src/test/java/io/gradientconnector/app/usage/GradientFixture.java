package io.gradientconnector.app.usage;

import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.adapter.gradient.GradientClientOptions;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.adapter.gradient.RateLimiter;
import io.gradientconnector.adapter.gradient.RetryPolicy;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;
import io.gradientconnector.adapter.gradient.Sleeper;
import io.gradientconnector.port.gradient.VendorProfile;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.PartnerIds;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.sandbox.UnitCount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process Gradient sandbox set up the way a connected partner looks after an account sync: the vendor's
 * SKUs created (one per catalog service asked for), the partner's accounts created, and the MSP's mappings made.
 * Also builds {@link GradientClient}s that never sleep: retries and rate-limiter waits go through a counting no-op
 * {@link Sleeper}, so outage tests run at full speed. For tests of this module and of the function modules.
 */
public final class GradientFixture implements AutoCloseable {

    private final GradientSandbox sandbox;
    private final SandboxControl control;
    private final AtomicInteger sleeps = new AtomicInteger();

    /** A connected partner in the sandbox. */
    public record Partner(GradientCredentials credentials, String integrationId, Map<ServiceKey, String> skuIds) {
        public String skuId(String service) {
            return skuIds.get(ServiceKey.of(service));
        }
    }

    private GradientFixture(GradientSandbox sandbox) {
        this.sandbox = sandbox;
        this.control = new SandboxControl(sandbox.baseUri());
    }

    /** A sandbox with no effective rate limit, on {@code clock} (outage windows end when the clock moves). */
    public static GradientFixture start(Clock clock) {
        return new GradientFixture(GradientSandbox.start(SandboxOptions.builder()
                .rateLimitPerSecond(1_000_000).rebuildQuietPeriod(Duration.ofMillis(1)).clock(clock).build()));
    }

    public SandboxControl control() {
        return control;
    }

    public String baseUri() {
        return sandbox.baseUri().toString();
    }

    /** Times a client of this fixture would have slept (retry backoffs and limiter waits). */
    public int sleeps() {
        return sleeps.get();
    }

    /** A client with quick retries (3 attempts) whose waits return at once. */
    public GradientClient client(Clock clock) {
        Sleeper noSleep = d -> sleeps.incrementAndGet();
        return GradientClient.builder()
                .baseUri(sandbox.baseUri())
                .clock(clock)
                .sleeper(noSleep)
                .rateLimiter(RateLimiter.create(1_000_000, clock, noSleep))
                .options(GradientClientOptions.builder()
                        .requestTimeout(Duration.ofSeconds(5))
                        .retry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(40),
                                Duration.ofSeconds(30)))
                        .build())
                .build();
    }

    /**
     * A vendor and a connected partner: one SKU per {@code services} key (as the account sync would create it),
     * {@code accounts} created, and {@code mapped} of them plus every SKU mapped by the MSP.
     */
    public Partner partner(ServiceCatalog catalog, List<String> services, List<String> accounts, List<String> mapped) {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        GradientCredentials credentials = new GradientCredentials("VENDORSECRET" + suffix, "PARTNERSECRET" + suffix);
        control.createVendor(credentials.vendorKey(), "AcmeBackup");
        PartnerIds ids = control.createPartner(credentials.vendorKey(), credentials.partnerKey(), "Contoso MSP",
                "pending", List.of("Fabrikam"));
        PartnerSession session = client(Clock.systemUTC()).session(credentials);
        Map<ServiceKey, String> skuIds = new LinkedHashMap<>();
        for (String key : services) {
            ServiceCatalog.Service service = catalog.find(ServiceKey.of(key)).orElseThrow();
            VendorProfile vendor = session.createService(CreateServiceRequest.of(service.name(), service.description(),
                    ServiceCategory.fromWire(service.category()), ServiceSubcategory.fromWire(service.subcategory())));
            String skuId = vendor.skuNamed(service.name()).orElseThrow().id();
            skuIds.put(service.key(), skuId);
            control.mapService(ids.integrationId(), skuId);
        }
        if (!accounts.isEmpty()) {
            session.createAccounts(accounts.stream().map(a -> NewAccount.of(a, "Customer " + a)).toList());
        }
        mapped.forEach(a -> control.mapAccount(ids.integrationId(), a));
        return new Partner(credentials, ids.integrationId(), Map.copyOf(skuIds));
    }

    /** The count Gradient holds for (account, SKU) of this integration, if any was ever set. */
    public Optional<BigDecimal> count(Partner partner, String accountId, String service) {
        String skuId = partner.skuId(service);
        return control.counts().stream()
                .filter(c -> c.integrationId().equals(partner.integrationId()) && c.accountId().equals(accountId)
                        && c.serviceId().equals(skuId))
                .map(UnitCount::unitCount)
                .findFirst();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
