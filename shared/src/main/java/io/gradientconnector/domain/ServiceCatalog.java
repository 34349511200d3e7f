package io.gradientconnector.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor's service catalog (SKUs): data, not code. Loaded once from the classpath resource
 * {@value #RESOURCE} or from a file named by {@code SERVICE_CATALOG_PATH}. Category and subcategory
 * must be Gradient's exact strings (docs/GRADIENT-API.md), because Gradient matches them
 * case-sensitively; a typo fails at load time instead of on every service creation. Immutable.
 */
public record ServiceCatalog(List<Service> services) {
    public static final String RESOURCE = "/service-catalog.json";

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

    /** The catalog from {@code path} when given, else the bundled resource. */
    public static ServiceCatalog load(Optional<Path> path) {
        if (path.isPresent()) {
            try (InputStream in = Files.newInputStream(path.get())) {
                return parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the service catalog file " + path.get(), e);
            }
        }
        try (InputStream in = ServiceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the classpath resource " + RESOURCE + " is missing");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service catalog resource", e);
        }
    }

    /** Parses a JSON array of {@code {key, name, description, category, subcategory}}. */
    public static ServiceCatalog parse(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("the service catalog must be a JSON array");
        }
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String where = "service catalog entry " + i + ": ";
            try {
                services.add(new Service(new ServiceKey(text(node, "key")), text(node, "name"),
                        text(node, "description"), text(node, "category"), text(node, "subcategory")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return new ServiceCatalog(services);
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
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
