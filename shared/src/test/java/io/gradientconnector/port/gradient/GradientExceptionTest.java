package io.gradientconnector.port.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradientExceptionTest {
    private static final String ROUTE = "POST /api/vendor-api/service/{serviceId}/count";

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(400, BadRequestException.class),
                Arguments.of(401, UnauthorizedException.class),
                Arguments.of(403, ForbiddenException.class),
                Arguments.of(404, NotFoundException.class),
                Arguments.of(409, ConflictException.class),
                Arguments.of(429, RateLimitedException.class),
                Arguments.of(500, ServerErrorException.class),
                Arguments.of(502, ServerErrorException.class),
                Arguments.of(503, ServerErrorException.class),
                Arguments.of(599, ServerErrorException.class),
                Arguments.of(301, UnexpectedStatusException.class),
                Arguments.of(405, UnexpectedStatusException.class),
                Arguments.of(422, UnexpectedStatusException.class),
                Arguments.of(600, UnexpectedStatusException.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("statuses")
    void forStatus_shouldMapEachStatusToItsType_whenGradientAnswers(int status, Class<? extends GradientException> type) {
        GradientException e = GradientException.forStatus(status, ROUTE, "No account map found with id: 1", Optional.empty());
        assertInstanceOf(type, e);
        assertEquals(status, e.status());
        assertEquals(ROUTE, e.route());
        assertEquals("No account map found with id: 1", e.gradientMessage());
        assertEquals(ROUTE + " -> " + status + ": No account map found with id: 1", e.getMessage());
    }

    @Test
    void forStatus_shouldCarryRetryAfter_whenRateLimited() {
        RateLimitedException e = (RateLimitedException) GradientException.forStatus(429, ROUTE, "Request limit reached",
                Optional.of(Duration.ofSeconds(2)));
        assertEquals(Optional.of(Duration.ofSeconds(2)), e.retryAfter());
        assertTrue(e.getMessage().contains("retry after 2000 ms"), e.getMessage());
    }

    @Test
    void withChunkStartIndex_shouldNameTheChunk_whenBulkCreateConflicts() {
        ConflictException e = new ConflictException("POST /api/vendor-api/organization/accounts",
                "A resource with this Id already exists.").withChunkStartIndex(200);
        assertEquals(200, e.chunkStartIndex().getAsInt());
        assertEquals("POST /api/vendor-api/organization/accounts -> 409: A resource with this Id already exists. "
                + "(chunk starting at index 200; earlier chunks were created)", e.getMessage());
    }

    @Test
    void connectionException_shouldSayWhetherRetryable_whenBuilt() {
        GradientConnectionException yes = new GradientConnectionException(ROUTE, "connection refused", true, null);
        GradientConnectionException no = new GradientConnectionException(ROUTE, "unknown host", false, null);
        assertEquals(0, yes.status());
        assertEquals(ROUTE + " (connection failed: connection refused; retryable)", yes.getMessage());
        assertEquals(ROUTE + " (connection failed: unknown host; not retryable)", no.getMessage());
    }

    @Test
    void message_shouldOmitEmptyGradientText_whenBodyWasEmpty() {
        assertEquals("GET /api/vendor-api -> 502", new ServerErrorException(502, "GET /api/vendor-api", "").getMessage());
    }

    static Stream<Arguments> retryableTable() {
        String route = "GET /api/vendor-api";
        return Stream.of(
                Arguments.of(new BadRequestException(route, "bad"), false),
                Arguments.of(new UnauthorizedException(route, "no"), false),
                Arguments.of(new ForbiddenException(route, "anomaly"), false),
                Arguments.of(new NotFoundException(route, "missing"), false),
                Arguments.of(new ConflictException(route, "exists"), false),
                Arguments.of(new UnexpectedStatusException(422, route, ""), false),
                Arguments.of(new RateLimitedException(route, "slow down", Optional.empty()), true),
                Arguments.of(new ServerErrorException(503, route, "unavailable"), true),
                Arguments.of(new GradientConnectionException(route, "connection refused", true, null), true),
                Arguments.of(new GradientConnectionException(route, "unknown host", false, null), false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("retryableTable")
    void retryable_shouldHoldOnlyForThrottlingServerErrorsAndRetryableConnectionFailures(GradientException failure,
                                                                                         boolean expected) {
        assertEquals(expected, failure.retryable());
    }
}
