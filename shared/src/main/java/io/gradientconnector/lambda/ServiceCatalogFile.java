package io.gradientconnector.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@link ServiceCatalog} from JSON, once at cold start: the classpath resource {@value #RESOURCE} or a
 * file named by {@code SERVICE_CATALOG_PATH}. The JSON lives here so the domain stays free of it. Stateless.
 */
public final class ServiceCatalogFile {
    public static final String RESOURCE = "/service-catalog.json";

    private ServiceCatalogFile() {
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
        try (InputStream in = ServiceCatalogFile.class.getResourceAsStream(RESOURCE)) {
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
        List<ServiceCatalog.Service> services = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String where = "service catalog entry " + i + ": ";
            try {
                services.add(new ServiceCatalog.Service(new ServiceKey(text(node, "key")), text(node, "name"),
                        text(node, "description"), text(node, "category"), text(node, "subcategory")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return new ServiceCatalog(services);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
