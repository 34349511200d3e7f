package io.gradientconnector.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor's service catalog (SKUs): data, not code, read from JSON outside the domain (the composition
 * root's {@code ServiceCatalogFile}). Category and subcategory
 * must be Gradient's exact strings (docs/GRADIENT-API.md), because Gradient matches them
 * case-sensitively; a typo fails at load time instead of on every service creation. Immutable.
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

    /** One SKU. */
    public record Service(ServiceKey key, String name, String description, String category, String subcategory) {
        public Service {
            if (key == null) {
                throw new IllegalArgumentException("key is required");
            }
            name = requireText(name, "name", 200);
            description = requireText(description, "description", 1000);
            if (!CATEGORIES.contains(category)) {
                throw new IllegalArgumentException("category of " + key + " is not a Gradient category");
            }
            if (!SUBCATEGORIES.contains(subcategory)) {
                throw new IllegalArgumentException("subcategory of " + key + " is not a Gradient subcategory");
            }
        }
    }

    public ServiceCatalog {
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("the service catalog must list at least one service");
        }
        Set<ServiceKey> keys = new java.util.HashSet<>();
        Set<String> names = new java.util.HashSet<>();
        for (Service service : services) {
            if (!keys.add(service.key())) {
                throw new IllegalArgumentException("service key " + service.key() + " is listed twice");
            }
            // Gradient (and every peer integration) tells services apart by name.
            if (!names.add(service.name())) {
                throw new IllegalArgumentException("service name of " + service.key() + " is used twice");
            }
        }
    }

    public Optional<Service> find(ServiceKey key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    public boolean contains(ServiceKey key) {
        return find(key).isPresent();
    }

    public Map<ServiceKey, Service> byKey() {
        Map<ServiceKey, Service> map = new LinkedHashMap<>();
        services.forEach(s -> map.put(s.key(), s));
        return Collections.unmodifiableMap(map);
    }

    private static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
        return value;
    }
}
