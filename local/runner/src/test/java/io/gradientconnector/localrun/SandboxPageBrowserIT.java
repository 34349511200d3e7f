package io.gradientconnector.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The sandbox page a newcomer watches, in a real headless Chromium: the runner (real template, real function
 * artifacts, in this JVM on free ports), the walkthrough over HTTP, then the page must show the integration active,
 * the account mapped and the count.
 */
class SandboxPageBrowserIT {

    /** Reads what the page shows through its stable hooks (ids, classes, data attributes). */
    private static final String READ_PAGE = """
            const section = document.querySelector('section.integration');
            if (!section) { return null; }
            const account = section.querySelector('tr.account[data-account-id="%s"]');
            const count = section.querySelector('td.count[data-account-id="%s"]');
            return {
              organization: section.querySelector('.org-name').textContent,
              status: section.querySelector('.status').textContent,
              accountName: account ? account.querySelector('.account-name').textContent : null,
              accountMapped: account ? account.querySelector('.mapped-yes') !== null : false,
              count: count ? count.textContent : null
            };
            """.formatted(Walkthrough.ACCOUNT, Walkthrough.ACCOUNT);

    @Test
    void sandboxPage_shouldShowActiveIntegrationMappedAccountAndCount_afterTheWalkthrough() throws Exception {
        TestStack.CapturingConsole console = new TestStack.CapturingConsole();
        LocalRunner.Options options = LocalRunner.Options.builder(TestStack.ROOT)
                .stackName("browser").apiPort(0).sandboxPort(0).awsPort(0)
                .portalApiKey("browser-portal-key").webhookSecret("browser-webhook-secret")
                .console(console.log).build();
        try (LocalRunner runner = LocalRunner.start(options); WebDriver browser = WebDriver.start()) {
            assertTrue(runner.unavailableFunctions().isEmpty(), "every function built: "
                    + runner.unavailableFunctions());
            URI sandbox = runner.sandboxUri().orElseThrow();
            Walkthrough walkthrough = new Walkthrough(runner.apiBaseUri(), "browser-portal-key",
                    "browser-webhook-secret");
            walkthrough.connect();
            walkthrough.sendEvents();
            walkthrough.requestSync();
            walkthrough.awaitCount(sandbox, Duration.ofSeconds(90));

            JsonNode page = null;
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                browser.open(URI.create(sandbox + "/"));
                page = browser.execute(READ_PAGE);
                if (page != null && String.valueOf(Walkthrough.QUANTITY).equals(page.path("count").asText())) {
                    break;
                }
            }

            assertTrue(page != null && !page.isNull(), "the page shows an integration");
            assertEquals("Demo MSP", page.path("organization").asText());
            assertEquals("active", page.path("status").asText());
            assertEquals(Walkthrough.ACCOUNT_NAME, page.path("accountName").asText());
            assertTrue(page.path("accountMapped").asBoolean(), page.toString());
            assertEquals(String.valueOf(Walkthrough.QUANTITY), page.path("count").asText());
        }
    }
}
