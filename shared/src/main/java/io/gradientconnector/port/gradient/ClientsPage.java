package io.gradientconnector.port.gradient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One keyset page of PSA clients; pass {@link #lastId()} as {@code previousId} for the next. */
public record ClientsPage(Map<String, Object> meta, List<PsaClient> clients) {
    public ClientsPage {
        meta = meta == null ? Map.of() : Map.copyOf(meta);
        clients = Checks.list(clients);
    }

    public Optional<String> lastId() {
        return clients.isEmpty() ? Optional.empty() : Optional.ofNullable(clients.get(clients.size() - 1).id());
    }
}
