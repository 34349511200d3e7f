package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.Optional;

/**
 * A vendor-level service ("SKU") as Gradient returns it. Category strings are kept as sent, so a
 * value Gradient adds later does not break reading; {@link #serviceCategory()} types them.
 */
public record VendorSku(@JsonAlias("_id") String id, String name, String description, String logo,
                        String category, String subcategory, String supportArticle, String supportContact) {

    public Optional<ServiceCategory> serviceCategory() {
        return known(() -> ServiceCategory.fromWire(category));
    }

    public Optional<ServiceSubcategory> serviceSubcategory() {
        return known(() -> ServiceSubcategory.fromWire(subcategory));
    }

    private static <T> Optional<T> known(java.util.function.Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
