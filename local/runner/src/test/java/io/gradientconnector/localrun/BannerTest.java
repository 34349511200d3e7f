package io.gradientconnector.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BannerTest {

    @Test
    void walkthrough_shouldBeReadyToPaste_whenGivenTheLocalValues() {
        String text = Banner.walkthrough("http://127.0.0.1:3000", "pk", "sec", "backup-server",
                "http://127.0.0.1:8089/");

        assertTrue(text.contains("curl -s -X PUT http://127.0.0.1:3000/partners/demo-partner/gradient"), text);
        assertTrue(text.contains("-H 'x-api-key: pk'"), text);
        assertTrue(text.contains("{\"partnerApiKey\":\"demo-partner-key\"}"), text);
        assertTrue(text.contains("SECRET='sec'"), text);
        assertTrue(text.contains("openssl dgst -sha256 -hmac \"$SECRET\""), text);
        assertTrue(text.contains("\"type\":\"account.upserted\"") && text.contains("\"type\":\"usage.set\""), text);
        assertTrue(text.contains("\"service\":\"backup-server\""), text);
        assertTrue(text.contains("/partners/demo-partner/gradient/sync"), text);
        assertTrue(text.contains("http://127.0.0.1:8089/"), text);
    }

    @Test
    void firstServiceKey_shouldReadTheBundledCatalog_whenInTheRepository() {
        assertEquals("backup-server", Banner.firstServiceKey(Path.of(System.getProperty("connector.root", "../.."))));
    }
}
