package io.gradientconnector.sandbox;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar gradient-sandbox.jar [--port N] [--demo] [--auto-map]}: runs the sandbox until SIGINT/SIGTERM.
 * {@code --demo} seeds a vendor and one MSP partner (keys documented in the module README, never printed);
 * {@code --auto-map} maps new accounts and services itself ({@link SandboxOptions#autoMapNewAccountsAndServices()}).
 */
public final class SandboxMain {

    public static final String DEMO_VENDOR_KEY = "demo-vendor-key";
    public static final String DEMO_PARTNER_KEY = "demo-partner-key";
    public static final String DEMO_ORGANIZATION = "Demo MSP";
    static final List<String> DEMO_CLIENTS = List.of("Acme Dental", "Birch & Co Accountants", "Contoso Legal",
            "Fabrikam Logistics", "Northwind Traders", "Tailspin Toys");

    private SandboxMain() {
    }

    /** Parsed command line. */
    record Args(int port, boolean demo, boolean autoMap, boolean help) {
    }

    public static void main(String[] args) throws InterruptedException {
        Args parsed;
        try {
            parsed = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gradient-sandbox: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            usage(System.out);
            return;
        }
        GradientSandbox sandbox = GradientSandbox.start(SandboxOptions.builder().port(parsed.port())
                .autoMapNewAccountsAndServices(parsed.autoMap()).build());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "gradient-sandbox-shutdown"));
        if (parsed.demo()) {
            PartnerIds demo = seedDemo(new SandboxControl(sandbox.baseUri()));
            System.out.println("Seeded demo vendor and partner \"" + DEMO_ORGANIZATION + "\" (integration "
                    + demo.integrationId() + ", " + demo.clients().size() + " PSA clients); keys: see README.");
        }
        System.out.println("Gradient sandbox on " + sandbox.baseUri() + "  (Vendor API " + sandbox.baseUri()
                + "/api/vendor-api, control " + sandbox.baseUri() + "/__sandbox/, status page " + sandbox.baseUri()
                + "/). Ctrl-C stops it.");
        stopped.await();
    }

    static PartnerIds seedDemo(SandboxControl control) {
        return seedDemo(control, DEMO_VENDOR_KEY);
    }

    /** The demo vendor ("Demo Vendor", key {@code vendorKey}) and partner ({@value #DEMO_PARTNER_KEY}). */
    public static PartnerIds seedDemo(SandboxControl control, String vendorKey) {
        control.createVendor(vendorKey, "Demo Vendor");
        return control.createPartner(vendorKey, DEMO_PARTNER_KEY, DEMO_ORGANIZATION, DEMO_CLIENTS);
    }

    static Args parse(String[] args) {
        int port = SandboxOptions.DEFAULT_PORT;
        boolean demo = false;
        boolean autoMap = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--auto-map" -> autoMap = true;
                case "--help", "-h" -> help = true;
                case "--port" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--port needs a value");
                    }
                    port = parsePort(args[++i]);
                }
                default -> {
                    if (args[i].startsWith("--port=")) {
                        port = parsePort(args[i].substring("--port=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown argument: " + args[i]);
                    }
                }
            }
        }
        return new Args(port, demo, autoMap, help);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be between 0 and 65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number");
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar gradient-sandbox.jar [--port N (default 8089, 0 = any)] [--demo] [--auto-map]");
    }
}
