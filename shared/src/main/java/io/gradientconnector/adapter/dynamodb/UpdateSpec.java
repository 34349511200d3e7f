package io.gradientconnector.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds one UpdateItem: SET/REMOVE clauses and a condition, every attribute name and value
 * through placeholders (so reserved words like {@code count} and user data never reach the
 * expression text). Not thread-safe; build one per request.
 */
final class UpdateSpec {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private String condition;

    /** The placeholder of attribute {@code attribute} (plain ASCII letters). */
    String name(String attribute) {
        String placeholder = "#" + attribute;
        names.put(placeholder, attribute);
        return placeholder;
    }

    /** A fresh placeholder bound to {@code value}. */
    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    UpdateSpec set(String attribute, AttributeValue value) {
        sets.add(name(attribute) + " = " + value(value));
        return this;
    }

    UpdateSpec setIfNotExists(String attribute, AttributeValue value) {
        String n = name(attribute);
        sets.add(n + " = if_not_exists(" + n + ", " + value(value) + ")");
        return this;
    }

    /** Appends {@code list}'s elements to the list {@code attribute} (created empty if missing). */
    UpdateSpec append(String attribute, AttributeValue list) {
        String n = name(attribute);
        sets.add(n + " = list_append(if_not_exists(" + n + ", " + value(AttributeValue.fromL(List.of())) + "), "
                + value(list) + ")");
        return this;
    }

    /** {@code attribute = attribute + 1}; the attribute must exist (guard with a condition). */
    UpdateSpec increment(String attribute) {
        String n = name(attribute);
        sets.add(n + " = " + n + " + " + value(AttributeValue.fromN("1")));
        return this;
    }

    UpdateSpec setOrRemove(String attribute, Optional<AttributeValue> value) {
        return value.isPresent() ? set(attribute, value.get()) : remove(attribute);
    }

    UpdateSpec remove(String attribute) {
        removes.add(name(attribute));
        return this;
    }

    UpdateSpec condition(String expression) {
        this.condition = expression;
        return this;
    }

    private String expression() {
        StringBuilder text = new StringBuilder();
        if (!sets.isEmpty()) {
            text.append("SET ").append(String.join(", ", sets));
        }
        if (!removes.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
        }
        return text.toString();
    }

    UpdateItemRequest request(String table, Map<String, AttributeValue> key) {
        UpdateItemRequest.Builder b = UpdateItemRequest.builder()
                .tableName(table)
                .key(key)
                .updateExpression(expression())
                .expressionAttributeNames(names);
        if (!values.isEmpty()) {
            b.expressionAttributeValues(values);
        }
        if (condition != null) {
            b.conditionExpression(condition);
        }
        return b.build();
    }

    Update transactUpdate(String table, Map<String, AttributeValue> key) {
        Update.Builder b = Update.builder()
                .tableName(table)
                .key(key)
                .updateExpression(expression())
                .expressionAttributeNames(names)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE);
        if (!values.isEmpty()) {
            b.expressionAttributeValues(values);
        }
        if (condition != null) {
            b.conditionExpression(condition);
        }
        return b.build();
    }
}
