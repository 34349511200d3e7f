package io.gradientconnector.port;

import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * The three Gradient calls the portal use cases make, as a port: production wires {@link #of(GradientClient)},
 * tests may script any {@link io.gradientconnector.port.gradient.GradientException}. Every call ends by
 * {@code deadline} (retries and waits included). Implementations are thread-safe.
 */
public interface PartnerGateway {

    /** {@code GET /organization}: verifies the key pair and returns the integration. */
    Integration integration(GradientCredentials credentials, Instant deadline);

    /** {@code PATCH /organization/status/{status}}. */
    Integration updateStatus(GradientCredentials credentials, IntegrationStatus status, Instant deadline);

    /** {@code GET /organization/clients}: one keyset page; both filters may be null. */
    ClientsPage clients(GradientCredentials credentials, String search, String previousId, Instant deadline);

    /** The gateway over the real client (one per process). */
    static PartnerGateway of(GradientClient client) {
        Objects.requireNonNull(client, "client");
        return new PartnerGateway() {
            @Override
            public Integration integration(GradientCredentials credentials, Instant deadline) {
                return client.session(credentials).withDeadline(deadline).getIntegration();
            }

            @Override
            public Integration updateStatus(GradientCredentials credentials, IntegrationStatus status,
                                            Instant deadline) {
                return client.session(credentials).withDeadline(deadline).updateStatus(status);
            }

            @Override
            public ClientsPage clients(GradientCredentials credentials, String search, String previousId,
                                       Instant deadline) {
                return client.session(credentials).withDeadline(deadline).clients(search, previousId);
            }

            @Override
            public String toString() {
                return "PartnerGateway[" + client + "]";
            }
        };
    }
}
