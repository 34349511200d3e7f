package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AutoMapIT {

    private static BigDecimal countOf(SandboxFixture fx, String serviceId, String accountId) {
        return fx.control.counts().stream()
                .filter(c -> c.serviceId().equals(serviceId) && c.accountId().equals(accountId))
                .map(UnitCount::unitCount).findFirst().orElse(null);
    }

    @Test
    void setCount_shouldSucceedWithoutMapping_whenAutoMapIsOn() {
        try (SandboxFixture fx = SandboxFixture.start(o -> o.autoMapNewAccountsAndServices(true))) {
            String sku = fx.createSku("Backup");
            fx.createAccounts("1");

            var response = fx.setCount(sku, "1", "12");

            assertEquals(201, response.status(), response.body());
            assertEquals(0, new BigDecimal("12").compareTo(countOf(fx, sku, "1")));
        }
    }

    @Test
    void setCount_shouldReturn404_whenAutoMapIsOff() {
        try (SandboxFixture fx = SandboxFixture.start()) {
            String sku = fx.createSku("Backup");
            fx.createAccounts("1");

            assertEquals(404, fx.setCount(sku, "1", "12").status());
        }
    }

    @Test
    void setCount_shouldReturn404_whenTheMspUnmappedAnAutoMappedAccount() {
        try (SandboxFixture fx = SandboxFixture.start(o -> o.autoMapNewAccountsAndServices(true))) {
            String sku = fx.createSku("Backup");
            fx.createAccounts("1");
            fx.control.unmapAccount(fx.integrationId(), "1");

            var response = fx.setCount(sku, "1", "12");

            assertEquals(404, response.status(), "an explicit unmap sticks: " + response.body());
            assertTrue(fx.control.counts().isEmpty());
        }
    }
}
