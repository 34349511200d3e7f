package io.gradientconnector.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiResponsesTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ApiResponses responses = new ApiResponses(mapper);

    @Test
    void error_shouldWriteJsonNamingField_whenInvalidField() throws Exception {
        var response = responses.error(ApiError.invalidField("partnerApiKey", "must be a non-empty string"));
        assertEquals(400, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        var body = mapper.readTree(response.getBody());
        assertEquals("invalid_request", body.get("error").asText());
        assertEquals("partnerApiKey", body.get("field").asText());
        assertEquals("partnerApiKey", body.get("errors").get(0).get("field").asText());
        assertFalse(body.has("status"));
    }

    @Test
    void error_shouldListEveryField_whenSeveralInvalid() throws Exception {
        var response = responses.error(ApiError.invalidFields(List.of(
                new ApiError.FieldError("events[0].quantity", "must be a number >= 0"),
                new ApiError.FieldError("events[2].id", "is required"))));
        var body = mapper.readTree(response.getBody());
        assertEquals(2, body.get("errors").size());
        assertEquals("events[0].quantity", body.get("field").asText());
    }

    @Test
    void noContent_shouldHaveNoBody_when204() {
        var response = responses.noContent();
        assertEquals(204, response.getStatusCode());
        assertEquals(null, response.getBody());
    }
}
