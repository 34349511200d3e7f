package io.gradientconnector.lambda;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Under SnapStart, Lambda gives the function no key variables, only a container credentials endpoint: the
 * composition root's credentials must find them there (an environment-only provider fails every AWS call).
 */
class LambdaCredentialsTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        System.clearProperty("aws.containerCredentialsFullUri");
        System.clearProperty("aws.containerAuthorizationToken");
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void lambdaCredentials_shouldUseTheContainerEndpoint_whenTheEnvironmentHasNoKeys() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/credentials", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretAccessKey\":\"secret\",\"Token\":\"session\","
                    + "\"Expiration\":\"2099-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.setProperty("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/credentials");
        System.setProperty("aws.containerAuthorizationToken", "container-token");
        AwsCredentialsProvider noKeys = () -> {
            throw SdkClientException.create("no key variables (SnapStart)");
        };

        AwsCredentials credentials = Components.lambdaCredentials(noKeys).resolveCredentials();

        assertEquals("ASIAEXAMPLE", credentials.accessKeyId());
        assertEquals("session", assertInstanceOf(AwsSessionCredentials.class, credentials).sessionToken());
        assertEquals("container-token", authorization.get());
    }

    @Test
    void lambdaCredentials_shouldUseTheEnvironmentFirst_whenItHasKeys() {
        AwsCredentialsProvider keys = () -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                "AKIAEXAMPLE", "secret");

        assertEquals("AKIAEXAMPLE", Components.lambdaCredentials(keys).resolveCredentials().accessKeyId());
    }
}
