package io.gradientconnector.port.gradient;

import java.util.Collection;
import java.util.List;

/** Filter for listing organization services; same semantics as {@link AccountQuery}. */
public record OrganizationServiceQuery(List<String> serviceIds, Boolean returnUnmapped) {
    public OrganizationServiceQuery {
        serviceIds = Checks.ids(serviceIds, "serviceIds");
    }

    public static OrganizationServiceQuery all() {
        return new OrganizationServiceQuery(List.of(), null);
    }

    public static OrganizationServiceQuery ids(Collection<String> serviceIds) {
        return new OrganizationServiceQuery(List.copyOf(serviceIds), null);
    }

    public OrganizationServiceQuery withReturnUnmapped(boolean value) {
        return new OrganizationServiceQuery(serviceIds, value);
    }
}
