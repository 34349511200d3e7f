package io.gradientconnector.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor's service catalog: deployment configuration, not code, read from JSON outside the domain (the
 * composition root's {@code ServiceCatalogFile}, docs/CATALOG.md). Each entry is one Gradient service; its count is
 * the sum of one or more vendor SKUs (a plain entry's only SKU is its own key), converted by its
 * {@link UnitConversion}. A SKU belongs to exactly one entry, so each usage event changes exactly one service's
 * count. Category and subcategory must be Gradient's exact strings (docs/GRADIENT-API.md), because Gradient matches
 * them case-sensitively; every mistake fails the load with a message naming the entry and the field
 * ({@link InvalidCatalogException}). Immutable.
 */
public record ServiceCatalog(List<Service> services) {
    /** Gradient service categories, exactly as published. */
    public static final Set<String> CATEGORIES = Set.of(
            "security", "backup", "productivity", "infrastructure", "service delivery", "consulting", "other");

    /** Gradient service subcategories, exactly as published (including the spelling "priviledged"). */
    public static final Set<String> SUBCATEGORIES = Set.of(
            "endpoint detection and response (EDR)", "email security", "virtual private network services (VPN)",
            "DNS filtering", "dark web monitoring", "password management", "single sign on (SSO)",
            "priviledged access and identity management (PAM/PIM)", "security information and event management (SIEM)",
            "mobile device management (MDM)", "application security", "mobile application management (MAM)",
            "multi factor authentication (MFA)", "cloud backup", "local backup", "desktop backup", "data archiving",
            "physical offsite storage", "business continuity", "hosted email", "video conferencing",
            "voice over IP services (VOIP)", "line of business application support",
            "unified communications as a service (UCaaS)", "customer relationship management", "cloud storage",
            "website hosting", "hardware as a service (HaaS)", "managed print services",
            "virtual desktop infrastructure (VDI)", "virtual server hosting", "infrastructure as a service (IaaS)",
            "end user support", "server management and support", "network management and support",
            "printer management and support", "desktop management and support",
            "hosted security operations centre (SOC)", "software development", "penetration testing",
            "project services", "governance and compliance", "business intelligence services / analytics",
            "phishing simulation", "privacy and security awareness training", "other");

    /** At most this many SKUs add into one service (each is a component of the service's ledger rows). */
    public static final int MAX_SKUS = 20;

    /** A field of one entry is wrong; the catalog loader adds which entry ({@link InvalidCatalogException}). */
    public static final class InvalidServiceException extends IllegalArgumentException {
        private final String field;

        public InvalidServiceException(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }

        public String problem() {
            return getMessage().substring(field.length() + 2);
        }
    }

    /** The catalog is wrong: names the entry (position and key) and the field. */
    public static final class InvalidCatalogException extends IllegalArgumentException {
        public InvalidCatalogException(int entry, String key, String field, String message) {
            super("service catalog entry " + entry + (key == null ? "" : " (key \"" + key + "\")")
                    + (field == null ? "" : ", field \"" + field + "\"") + ": " + message);
        }

        public InvalidCatalogException(String message) {
            super("service catalog: " + message);
        }
    }

    /**
     * One Gradient service.
     *
     * @param skus the vendor SKUs whose counts add into this service's count (usage events name a SKU)
     * @param unit how the sum becomes Gradient's count ({@link UnitConversion#NONE}: as it is)
     */
    public record Service(ServiceKey key, String name, String description, String category, String subcategory,
                          List<ServiceKey> skus, UnitConversion unit) {
        public Service {
            if (key == null) {
                throw new InvalidServiceException("key", "is required");
            }
            name = requireText(name, "name", 200);
            description = requireText(description, "description", 1000);
            if (category == null) {
                throw new InvalidServiceException("category", "is required");
            }
            if (!CATEGORIES.contains(category)) {
                throw new InvalidServiceException("category", "\"" + category
                        + "\" is not a Gradient category (exact spelling, lower case: " + String.join(", ",
                        CATEGORIES.stream().sorted().toList()) + ")");
            }
            if (subcategory == null) {
                throw new InvalidServiceException("subcategory", "is required");
            }
            if (!SUBCATEGORIES.contains(subcategory)) {
                throw new InvalidServiceException("subcategory", "\"" + subcategory
                        + "\" is not a Gradient subcategory (exact spelling, docs/CATALOG.md lists them)");
            }
            if (skus == null || skus.isEmpty()) {
                throw new InvalidServiceException("skus", "must list at least one SKU");
            }
            skus = List.copyOf(skus);
            if (skus.size() > MAX_SKUS) {
                throw new InvalidServiceException("skus", "must list at most " + MAX_SKUS + " SKUs");
            }
            Set<ServiceKey> seen = new HashSet<>();
            for (int i = 0; i < skus.size(); i++) {
                if (!seen.add(skus.get(i))) {
                    throw new InvalidServiceException("skus[" + i + "]", "\"" + skus.get(i) + "\" is listed twice");
                }
            }
            if (unit == null) {
                throw new InvalidServiceException("unit", "is required");
            }
        }

        /** A plain entry: its one SKU is its key, counts sent as they are. */
        public Service(ServiceKey key, String name, String description, String category, String subcategory) {
            this(key, name, description, category, subcategory, key == null ? null : List.of(key), UnitConversion.NONE);
        }

        /** The count Gradient receives for {@code sum}, the exact sum of this service's SKU counts. */
        public Quantity gradientCount(BigDecimal sum) {
            return unit.convert(sum);
        }
    }

    public ServiceCatalog {
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new InvalidCatalogException("must list at least one service");
        }
        Map<ServiceKey, Integer> keys = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        Map<ServiceKey, Integer> skuOwners = new HashMap<>();
        for (int i = 0; i < services.size(); i++) {
            Service service = services.get(i);
            String key = service.key().value();
            Integer other = keys.putIfAbsent(service.key(), i);
            if (other != null) {
                throw new InvalidCatalogException(i, key, "key", "is already the key of entry " + other);
            }
            // Gradient (and every peer integration) tells services apart by name.
            other = names.putIfAbsent(service.name(), i);
            if (other != null) {
                throw new InvalidCatalogException(i, key, "name", "\"" + service.name()
                        + "\" is already the name of entry " + other);
            }
            for (int s = 0; s < service.skus().size(); s++) {
                other = skuOwners.putIfAbsent(service.skus().get(s), i);
                if (other != null) {
                    throw new InvalidCatalogException(i, key, "skus[" + s + "]", "\"" + service.skus().get(s)
                            + "\" is already a SKU of entry " + other + " (a SKU belongs to exactly one service)");
                }
            }
        }
        // A key that is also a SKU must be its own entry's: an event naming it must not feed another service.
        for (int i = 0; i < services.size(); i++) {
            Integer owner = skuOwners.get(services.get(i).key());
            if (owner != null && owner != i) {
                throw new InvalidCatalogException(i, services.get(i).key().value(), "key",
                        "is a SKU of entry " + owner + "; a key may only be a SKU of its own entry");
            }
        }
    }

    public Optional<Service> find(ServiceKey key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /**
     * The count Gradient receives for {@code row}: the sum of its SKUs converted by its service's unit, or the row's
     * count as it is when this catalog no longer lists the service.
     */
    public Quantity gradientCount(LedgerRow row) {
        return find(row.key().service()).map(service -> service.gradientCount(row.sum())).orElseGet(row::count);
    }

    /** True when {@code key} is a service of this catalog. */
    public boolean contains(ServiceKey key) {
        return find(key).isPresent();
    }

    /** The service a SKU adds into. */
    public Optional<Service> serviceOfSku(ServiceKey sku) {
        return services.stream().filter(s -> s.skus().contains(sku)).findFirst();
    }

    /** True when usage events may name {@code sku}. */
    public boolean hasSku(ServiceKey sku) {
        return serviceOfSku(sku).isPresent();
    }

    /**
     * The service key of the ledger row a usage event for {@code sku} changes: its service's key, or the SKU
     * itself when no service lists it (an event accepted under an earlier catalog: its row is kept, not pushed).
     */
    public ServiceKey rowService(ServiceKey sku) {
        return serviceOfSku(sku).map(Service::key).orElse(sku);
    }

    public Map<ServiceKey, Service> byKey() {
        Map<ServiceKey, Service> map = new LinkedHashMap<>();
        services.forEach(s -> map.put(s.key(), s));
        return Collections.unmodifiableMap(map);
    }

    private static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidServiceException(field, "is required");
        }
        if (value.length() > max) {
            throw new InvalidServiceException(field, "must be at most " + max + " characters");
        }
        return value;
    }
}
