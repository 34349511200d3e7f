package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.GradientCredentials;

import io.gradientconnector.sandbox.PartnerIds;
import io.gradientconnector.sandbox.SandboxControl;
import java.util.List;
import java.util.UUID;

/** A fresh vendor + partner in the sandbox, with keys that look like secrets so leaks are easy to spot. */
record SandboxPartner(GradientCredentials credentials, PartnerIds ids) {

    static SandboxPartner create(SandboxControl control, String status, List<String> clientNames) {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        String vendorKey = "VENDORSECRET" + suffix;
        String partnerKey = "PARTNERSECRET" + suffix;
        control.createVendor(vendorKey, "AcmeBackup");
        PartnerIds ids = control.createPartner(vendorKey, partnerKey, "Contoso MSP", status, clientNames);
        return new SandboxPartner(new GradientCredentials(vendorKey, partnerKey), ids);
    }

    String integrationId() {
        return ids.integrationId();
    }

    /** Every string that must never appear in a message or a log line. */
    List<String> secrets() {
        return List.of(credentials.vendorKey(), credentials.partnerKey(), credentials.token());
    }
}
