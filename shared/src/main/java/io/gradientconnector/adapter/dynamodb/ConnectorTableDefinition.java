package io.gradientconnector.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The connector's one DynamoDB table, as the template declares it: {@code pk}/{@code sk} strings,
 * on-demand billing, TTL on {@code expiresAt}, the GSI {@code byKind} ({@code kind},
 * {@code partnerId}) that lists partners and the GSI {@code byStatus} ({@code partnerStatus}, {@code partnerId}) that
 * lists them by status. Tests and the local runner create the table from here;
 * keep it and template.yaml identical.
 */
public final class ConnectorTableDefinition {
    private ConnectorTableDefinition() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(Keys.PK), string(Keys.SK), string(Keys.KIND), string(Keys.PARTNER_ID),
                        string(Keys.PARTNER_STATUS))
                .keySchema(key(Keys.PK, KeyType.HASH), key(Keys.SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(Keys.BY_KIND_INDEX)
                        .keySchema(key(Keys.KIND, KeyType.HASH), key(Keys.PARTNER_ID, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build(), GlobalSecondaryIndex.builder()
                        .indexName(Keys.BY_STATUS_INDEX)
                        .keySchema(key(Keys.PARTNER_STATUS, KeyType.HASH), key(Keys.PARTNER_ID, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .build();
    }

    public static UpdateTimeToLiveRequest timeToLiveRequest(String tableName) {
        return UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(Keys.EXPIRES_AT)
                        .enabled(true)
                        .build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
