package io.gradientconnector.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private final JsonBodies bodies = new JsonBodies(1024);

    @Test
    void readObject_shouldReturnObject_whenBodyIsJsonObject() {
        var node = bodies.readObject("{\"a\": 1.50}".getBytes(StandardCharsets.UTF_8));
        assertEquals("1.50", node.get("a").decimalValue().toPlainString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1", "[1]", "\"x\"", "42", "null", "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2}",
            "{'a':1}", "{\"a\":NaN}", "\u0000", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"})
    void readObject_shouldReject400NamingBody_whenNotASingleJsonObject(String body) {
        var e = assertThrows(ApiException.class, () -> bodies.readObject(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, e.status());
        assertEquals("body", e.error().field());
    }

    @Test
    void readObject_shouldReject413_whenBodyTooLarge() {
        var e = assertThrows(ApiException.class, () -> bodies.readObject(new byte[1025]));
        assertEquals(413, e.status());
    }

    @Test
    void readObject_shouldReject400_whenBodyEmpty() {
        var e = assertThrows(ApiException.class, () -> bodies.readObject(new byte[0]));
        assertEquals(400, e.status());
        assertEquals("body", e.error().field());
    }
}
