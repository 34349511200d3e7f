package io.gradientconnector.adapter.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link AwsClients#offline}: a call goes through marshalling and signing and is stopped before it is sent. */
class AwsClientsOfflineTest {

    @Test
    void offline_shouldStopEveryCallBeforeItIsSent_andLeaveOtherCallsAlone() throws IOException {
        AtomicInteger arrived = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            arrived.incrementAndGet();
            byte[] body = "{}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (AwsClients clients = AwsClients.create("us-east-1",
                Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))) {
            Runnable call = () -> clients.dynamoDb().getItem(b -> b.tableName("t")
                    .key(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromS("b"))));

            clients.offline(() -> {
                SdkException stopped = assertThrows(SdkException.class, call::run);
                assertEquals(false, stopped.retryable());
                assertThrows(SdkException.class, () -> clients.secretsManager().getSecretValue(b -> b.secretId("s")));
            });
            assertEquals(0, arrived.get(), "nothing may be sent while offline");

            call.run();
            assertEquals(1, arrived.get(), "outside offline the same call is sent");
        } finally {
            server.stop(0);
        }
    }
}
