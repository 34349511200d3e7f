package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientsIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    @BeforeEach
    void start() {
        fx.control.addClient(fx.integrationId(), "Delta Dental");
        fx.control.addClient(fx.integrationId(), "Epsilon Energy");
    }

    private JsonNode page(String query) {
        var response = fx.call("GET", "/organization/clients" + query, null);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("clients").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    @Test
    void getClients_shouldWalkAllPagesByPreviousId_whenPageSizeIsSmall() {
        fx.control.config(ConfigUpdate.builder().clientsPageSize(2).build());
        List<String> seen = new ArrayList<>();
        String previousId = null;
        int pages = 0;
        while (true) {
            JsonNode page = page(previousId == null ? "" : "?previousId=" + previousId);
            assertEquals(2, page.path("meta").path("pageSize").asInt());
            JsonNode clients = page.path("clients");
            if (clients.isEmpty()) {
                break;
            }
            pages++;
            clients.forEach(c -> seen.add(c.path("name").asText()));
            previousId = clients.get(clients.size() - 1).path("id").asText();
        }
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertEquals(5, seen.stream().distinct().count());
    }

    @Test
    void getClients_shouldFilterCaseInsensitively_whenSearchIsGiven() {
        assertEquals(List.of("Alpha Dental", "Delta Dental").stream().sorted().toList(),
                names(page("?search=DENTAL")).stream().sorted().toList());
        assertEquals(List.of(), names(page("?search=zzz")));
    }

    @Test
    void getClients_shouldCombineSearchAndPaging_whenBothGiven() {
        fx.control.config(ConfigUpdate.builder().clientsPageSize(1).build());
        JsonNode first = page("?search=dental");
        assertEquals(1, first.path("clients").size());
        String lastId = first.path("clients").get(0).path("id").asText();
        JsonNode second = page("?search=dental&previousId=" + lastId);
        assertEquals(1, second.path("clients").size());
        JsonNode third = page("?search=dental&previousId=" + second.path("clients").get(0).path("id").asText());
        assertEquals(0, third.path("clients").size());
    }

    @Test
    void getClients_shouldReturnGuidIds_whenListed() {
        page("").path("clients").forEach(c -> assertEquals(36, c.path("id").asText().length()));
    }

    @Test
    void getClients_shouldReturn400_whenPreviousIdIsNotAGuid() {
        assertEquals(400, fx.call("GET", "/organization/clients?previousId=abc", null).status());
    }
}
