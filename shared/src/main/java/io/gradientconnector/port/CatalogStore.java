package io.gradientconnector.port;

import io.gradientconnector.domain.ServiceKey;

import java.util.Map;
import java.util.Optional;

/** Which Gradient service id each catalog service key was created as. Thread-safe. */
public interface CatalogStore {

    Optional<String> gradientServiceId(ServiceKey service);

    /** Every known mapping. */
    Map<ServiceKey, String> all();

    /** Records (or replaces) the Gradient service id of {@code service}. */
    void put(ServiceKey service, String gradientServiceId, String name);
}
