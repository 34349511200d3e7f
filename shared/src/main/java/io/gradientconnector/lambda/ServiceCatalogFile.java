package io.gradientconnector.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceCatalog.InvalidCatalogException;
import io.gradientconnector.domain.ServiceCatalog.InvalidServiceException;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UnitConversion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@link ServiceCatalog} from its JSON (docs/CATALOG.md), once at cold start. The JSON lives here so the
 * domain stays free of it. Every mistake is an {@link InvalidCatalogException} naming the entry (position and key)
 * and the field. The classpath resource {@value #EXAMPLE} is the example catalog that local runs and tests use when
 * no catalog object is configured. Stateless.
 */
public final class ServiceCatalogFile {
    /** The example catalog bundled for local runs and tests; a deployed stack names its own (docs/CATALOG.md). */
    public static final String EXAMPLE = "/service-catalog.json";

    private static final Set<String> FIELDS = Set.of("key", "name", "description", "category", "subcategory", "skus",
            "unit");
    private static final Set<String> UNIT_FIELDS = Set.of("from", "to", "factor", "decimals", "rounding");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceCatalogFile() {
    }

    /** The example catalog bundled as {@value #EXAMPLE}. */
    public static ServiceCatalog example() {
        try (InputStream in = ServiceCatalogFile.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the classpath resource " + EXAMPLE + " is missing");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example service catalog", e);
        }
    }

    /** Parses the catalog JSON: an array of entries (docs/CATALOG.md). */
    public static ServiceCatalog parse(InputStream json) throws IOException {
        return parse(json.readAllBytes());
    }

    /** Parses the catalog JSON: an array of entries (docs/CATALOG.md). */
    public static ServiceCatalog parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidCatalogException("is not JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isArray()) {
            throw new InvalidCatalogException("must be a JSON array of services");
        }
        List<ServiceCatalog.Service> services = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            services.add(entry(i, root.get(i)));
        }
        return new ServiceCatalog(services);
    }

    private static ServiceCatalog.Service entry(int index, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidCatalogException(index, null, null, "must be a JSON object");
        }
        String keyText = node.path("key").isTextual() ? node.get("key").textValue() : null;
        try {
            unknownFields(node, FIELDS, "");
            ServiceKey key = serviceKey(node.get("key"), "key");
            List<ServiceKey> skus = List.of(key);
            if (node.has("skus")) {
                JsonNode array = node.get("skus");
                if (!array.isArray()) {
                    throw new InvalidServiceException("skus", "must be an array of SKU strings");
                }
                skus = new ArrayList<>();
                for (int s = 0; s < array.size(); s++) {
                    skus.add(serviceKey(array.get(s), "skus[" + s + "]"));
                }
            }
            UnitConversion unit = node.has("unit") ? unit(node.get("unit")) : UnitConversion.NONE;
            return new ServiceCatalog.Service(key, text(node, "name"), text(node, "description"),
                    text(node, "category"), text(node, "subcategory"), skus, unit);
        } catch (InvalidServiceException e) {
            throw new InvalidCatalogException(index, keyText, e.field(), e.problem());
        }
    }

    private static UnitConversion unit(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidServiceException("unit", "must be an object {from, to, factor?, decimals?, rounding}");
        }
        unknownFields(node, UNIT_FIELDS, "unit.");
        try {
            return new UnitConversion(
                    unitOf(node, "from"),
                    unitOf(node, "to"),
                    node.has("factor") ? factor(node.get("factor")) : BigDecimal.ONE,
                    node.has("decimals") ? decimals(node.get("decimals")) : 0,
                    rounding(node.get("rounding")));
        } catch (UnitConversion.InvalidConversion e) {
            throw new InvalidServiceException("unit." + e.field(), e.getMessage());
        }
    }

    private static UnitConversion.Unit unitOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new UnitConversion.InvalidConversion(field, "is required: one of \"count\", \"bytes\", \"KB\","
                    + " \"MB\", \"GB\", \"TB\"");
        }
        try {
            return UnitConversion.Unit.of(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new UnitConversion.InvalidConversion(field, "\"" + value.textValue() + "\" " + e.getMessage());
        }
    }

    private static UnitConversion.Rounding rounding(JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw new UnitConversion.InvalidConversion("rounding", "is required: \"up\", \"down\" or \"half-up\"");
        }
        try {
            return UnitConversion.Rounding.of(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new UnitConversion.InvalidConversion("rounding", "\"" + value.textValue() + "\" " + e.getMessage());
        }
    }

    /** A JSON number or a decimal string, read exactly (never through a double). */
    private static BigDecimal factor(JsonNode value) {
        try {
            if (value.isTextual()) {
                return new BigDecimal(value.textValue());
            }
            if (value.isNumber()) {
                return new BigDecimal(value.asText());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UnitConversion.InvalidConversion("factor", "must be a decimal number, e.g. 1 or \"0.5\"");
    }

    private static int decimals(JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new UnitConversion.InvalidConversion("decimals", "must be a whole number from 0 to 6");
        }
        return value.intValue();
    }

    private static ServiceKey serviceKey(JsonNode value, String field) {
        if (value == null || !value.isTextual()) {
            throw new InvalidServiceException(field, "is required (a string)");
        }
        try {
            return ServiceKey.of(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidServiceException(field, "\"" + value.textValue() + "\": " + e.getMessage());
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidServiceException(prefix + name, "is not a catalog field (docs/CATALOG.md)");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isTextual()) {
            throw new InvalidServiceException(field, "must be a string");
        }
        return value == null ? null : value.textValue();
    }
}
