package io.gradientconnector.adapter.aws;

import io.gradientconnector.lambda.Components;

import io.gradientconnector.lambda.Config;
import io.gradientconnector.lambda.ConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AwsClientsTest {
    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void clients_shouldBeBuiltOnce_andUseRegionAndEndpointFromConfig() {
        Config config = Config.from(Map.of("TABLE_NAME", "t", "AWS_REGION", "eu-central-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));

        try (AwsClients clients = Components.awsClients(config, DUMMY)) {
            assertSame(clients.dynamoDb(), clients.dynamoDb());
            assertSame(clients.sqs(), clients.sqs());
            assertSame(clients.secretsManager(), clients.secretsManager());
            assertEquals(Region.EU_CENTRAL_1, clients.dynamoDb().serviceClientConfiguration().region());
            assertEquals("http://127.0.0.1:4566",
                    clients.sqs().serviceClientConfiguration().endpointOverride().orElseThrow().toString());
        }
    }

    @Test
    void create_shouldNameTheVariable_whenRegionMissing() {
        Config config = Config.from(Map.of("TABLE_NAME", "t"));

        ConfigException e = assertThrows(ConfigException.class, () -> Components.awsClients(config, DUMMY));

        assertEquals("AWS_REGION", e.variable());
    }
}
