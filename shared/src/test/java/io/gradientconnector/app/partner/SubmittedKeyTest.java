package io.gradientconnector.app.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gradientconnector.domain.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubmittedKeyTest {

    @Test
    void parse_shouldTrimSurroundingWhitespace_whenTheKeyIsWellFormed() {
        assertEquals(Secret.of("pk_abcdefgh"), SubmittedKey.parse("  pk_abcdefgh\n"));
        assertEquals(Secret.of("pk_\ud83d\udd11abcdefgh"), SubmittedKey.parse("pk_\ud83d\udd11abcdefgh"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pk_abcdefgh\ud800", "\udfffpk_abcdefgh", "pk_abc\udbff\u0041defgh", "pk_\ude00\ud83dabcd"})
    void parse_shouldReject_whenTheKeyHasAnUnpairedSurrogate(String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubmittedKey.parse(key));
        assertEquals("must be valid Unicode (it has an unpaired surrogate)", e.getMessage());
    }
}
