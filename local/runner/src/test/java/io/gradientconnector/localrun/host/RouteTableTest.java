package io.gradientconnector.localrun.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.localrun.template.ApiRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            new ApiRoute("Greedy", "Any", "ANY", "/files/{proxy+}", false),
            new ApiRoute("ById", "Get", "GET", "/partners/{partnerId}/gradient", true),
            new ApiRoute("Sync", "Post", "POST", "/partners/{partnerId}/gradient/sync", true),
            new ApiRoute("Literal", "Get", "GET", "/partners/all/gradient", true)));

    @Test
    void match_shouldPreferLiteralSegments_whenAParameterRouteAlsoMatches() {
        assertEquals("Literal", table.match("GET", "/partners/all/gradient").orElseThrow().route().functionId());
        RouteTable.Match match = table.match("GET", "/partners/p-1/gradient").orElseThrow();
        assertEquals("ById", match.route().functionId());
        assertEquals(Map.of("partnerId", "p-1"), match.pathParameters());
    }

    @Test
    void match_shouldTakeTheRestOfThePath_whenParameterIsGreedy() {
        RouteTable.Match match = table.match("DELETE", "/files/a/b/c").orElseThrow();
        assertEquals(Map.of("proxy", "a/b/c"), match.pathParameters());
    }

    @Test
    void match_shouldFindNothing_whenMethodOrPathDiffer() {
        assertTrue(table.match("PUT", "/partners/p-1/gradient/sync").isEmpty());
        assertTrue(table.match("GET", "/partners/p-1").isEmpty());
        assertTrue(table.match("GET", "/partners/a%2Fb/gradient/extra").isEmpty());
        assertEquals(List.of("POST"), table.methodsFor("/partners/p-1/gradient/sync"));
    }

    @Test
    void match_shouldKeepAnEncodedSlashInOneSegment_whenPathIsRaw() {
        assertEquals("a%2Fb", table.match("GET", "/partners/a%2Fb/gradient").orElseThrow().pathParameters()
                .get("partnerId"));
    }
}
