package io.gradientconnector.app.events;

import io.gradientconnector.lambda.ServiceCatalogFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VendorEventParserTest {
    private static final MutableClock CLOCK = MutableClock.at("2025-03-01T12:00:00Z");
    private static final VendorEventParser PARSER = VendorEventParser.create(ServiceCatalogFile.example(), CLOCK);

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static List<VendorEvent> events(byte[] body) {
        return assertInstanceOf(VendorEventParser.Parsed.class, PARSER.parse(body)).events();
    }

    private static VendorEventParser.Rejected rejected(String body) {
        return assertInstanceOf(VendorEventParser.Rejected.class, PARSER.parse(json(body)));
    }

    private static String usage(String type, String quantity) {
        return "{'id':'e-1','type':'" + type + "','partnerId':'p-1','occurredAt':'2025-03-01T11:00:00+01:00',"
                + "'accountId':'acct-1','service':'backup-server','quantity':" + quantity + "}";
    }

    private static List<FieldError> errors(String body) {
        return rejected(body).errors();
    }

    private static FieldError onlyError(String body) {
        List<FieldError> errors = errors(body);
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    @Test
    void parse_shouldReturnOneUsageSet_whenTheBodyIsASingleEvent() {
        List<VendorEvent> events = events(json(usage("usage.set", "12.500")));

        assertEquals(List.of(new VendorEvent.UsageSet(EventId.of("e-1"), PartnerId.of("p-1"),
                Instant.parse("2025-03-01T10:00:00Z"), AccountId.of("acct-1"), ServiceKey.of("backup-server"),
                Quantity.of("12.5"))), events);
    }

    @Test
    void parse_shouldAcceptZero_whenTheEventIsASet() {
        VendorEvent.UsageSet set = (VendorEvent.UsageSet) events(json(usage("usage.set", "0"))).get(0);
        assertTrue(set.quantity().isZero());
    }

    @Test
    void parse_shouldReturnEveryTypeInOrder_whenTheBodyIsABatch() {
        String body = "{'events':["
                + "{'id':'e-1','type':'account.upserted','partnerId':'p-1','occurredAt':'2025-03-01T10:00:00Z',"
                + "'account':{'id':'acct-1','name':' Fabrikam ','description':'tenant.example'}},"
                + usage("usage.add", "2").replace("e-1", "e-2") + ","
                + usage("usage.subtract", "1e0").replace("e-1", "e-3") + ","
                + "{'id':'e-4','type':'account.deleted','partnerId':'p-1','occurredAt':'2025-03-01T10:00:00Z','accountId':'acct-1'},"
                + usage("usage.set", "3").replace("e-1", "e-4")
                + "]}";

        List<VendorEvent> events = events(json(body));

        assertEquals(List.of("account.upserted", "usage.add", "usage.subtract", "account.deleted", "usage.set"),
                events.stream().map(VendorEvent::type).toList());
        assertEquals(new VendorAccount(AccountId.of("acct-1"), "Fabrikam", "tenant.example"),
                ((VendorEvent.AccountUpserted) events.get(0)).account());
        assertEquals(Quantity.of(1), ((VendorEvent.UsageSubtract) events.get(2)).quantity());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "quantity as a string          | usage.set      | '5'       | must be a JSON number",
            "negative set                  | usage.set      | -1        | must not be negative",
            "zero add                      | usage.add      | 0         | must be greater than 0",
            "negative subtract             | usage.subtract | -2        | must be greater than 0",
            "too many decimals             | usage.set      | 1.0000001 | must have at most 6 decimal places",
            "too large                     | usage.add      | 1000000000001 | must not exceed 1000000000000",
            "boolean                       | usage.set      | true      | must be a JSON number",
            "null                          | usage.set      | null      | is required",
    })
    void parse_shouldNameTheQuantity_whenItIsInvalid(String name, String type, String quantity, String message) {
        FieldError error = onlyError(usage(type, quantity));
        assertEquals(new FieldError("quantity", message), error);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "missing id          | 'id':'e-1',                               | \"\"                              | id         | is required",
            "empty id            | 'id':'e-1'                                | 'id':''                         | id         | must be 1 to 256 characters",
            "numeric partner     | 'partnerId':'p-1'                         | 'partnerId':7                   | partnerId  | must be a string",
            "partner with slash  | 'partnerId':'p-1'                         | 'partnerId':'a/b'               | partnerId  | must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit",
            "unknown type        | 'type':'usage.set'                        | 'type':'usage.multiply'         | type       | must be one of account.upserted, account.deleted, usage.set, usage.add, usage.subtract, alert.raised",
            "no offset           | 'occurredAt':'2025-03-01T11:00:00+01:00'  | 'occurredAt':'2025-03-01T11:00:00' | occurredAt | must be an ISO-8601 date-time with an offset, e.g. 2025-01-31T12:00:00Z",
            "not a date          | 'occurredAt':'2025-03-01T11:00:00+01:00'  | 'occurredAt':'yesterday'        | occurredAt | must be an ISO-8601 date-time with an offset, e.g. 2025-01-31T12:00:00Z",
            "in the future       | 'occurredAt':'2025-03-01T11:00:00+01:00'  | 'occurredAt':'2025-03-01T12:05:01Z' | occurredAt | must not be more than 5 minutes in the future",
            "unknown service     | 'service':'backup-server'                 | 'service':'backup-tape'         | service    | is not a SKU of the service catalog",
            "composite's own key | 'service':'backup-server'                 | 'service':'backup-seats'        | service    | is not a SKU of the service catalog",
            "malformed service   | 'service':'backup-server'                 | 'service':'Backup Server'       | service    | must be 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
            "missing account     | 'accountId':'acct-1',                     | \"\"                              | accountId  | is required",
            "unknown field       | 'quantity':5                              | 'quantity':5,'price':3          | price      | is not a known field",
            "field of other type | 'quantity':5                              | 'quantity':5,'account':{}       | account    | is not a known field",
    })
    void parse_shouldNameTheField_whenAUsageEventIsMalformed(String name, String from, String to, String field,
                                                             String message) {
        String body = usage("usage.set", "5").replace(from, to);
        assertEquals(new FieldError(field, message), onlyError(body));
    }

    /** Events name a SKU: a composite's SKUs are accepted as they are (the journal files them under the service). */
    @ParameterizedTest
    @CsvSource({"m365-backup-user", "m365-backup-shared-mailbox", "storage-bytes"})
    void parse_shouldAcceptASkuOfACompositeOrConvertedService(String sku) {
        String body = usage("usage.set", "5").replace("'service':'backup-server'", "'service':'" + sku + "'");
        VendorEvent.UsageEvent event = (VendorEvent.UsageEvent) events(json(body)).get(0);
        assertEquals(sku, event.service().value());
    }

    @Test
    void parse_shouldAcceptAnEventAtTheEdgeOfTheFutureWindow_whenItIsExactlyFiveMinutesAhead() {
        String body = usage("usage.set", "1").replace("2025-03-01T11:00:00+01:00", "2025-03-01T12:05:00Z");
        assertEquals(1, events(json(body)).size());
    }

    @Test
    void parse_shouldNameEachField_whenIdsOverflowTheStoreOrNamesHoldControlCharacters() {
        String tooLong = "\u6F22".repeat(85) + "abcd"; // 89 characters, 769 bytes once percent-encoded
        String atLimit = "\u6F22".repeat(85) + "abc";
        String body = "{'events':["
                + "{'id':'" + tooLong + "','type':'account.upserted','partnerId':'p-1','occurredAt':'2025-03-01T10:00:00Z',"
                + "'account':{'id':'" + tooLong + "','name':'Acme\\u0007','description':'a\\u0000'}},"
                + usage("usage.set", "1").replace("acct-1", atLimit).replace("'e-1'", "'" + atLimit + "'") + ","
                + usage("usage.set", "1").replace("acct-1", "a\\u001f") + "]}";

        List<FieldError> errors = errors(body);

        String bytes = "must be at most 768 bytes once percent-encoded";
        assertEquals(List.of("events[0].id", "events[0].account.id", "events[0].account.name",
                "events[0].account.description", "events[2].accountId"),
                errors.stream().map(FieldError::field).toList(), errors.toString());
        assertTrue(errors.get(0).message().startsWith(bytes), errors.get(0).message());
        assertTrue(errors.get(1).message().startsWith(bytes), errors.get(1).message());
        assertEquals("must not contain control characters", errors.get(2).message());
        assertEquals("must not contain control characters", errors.get(4).message());
    }

    @Test
    void parse_shouldNameAccountFields_whenAnUpsertIsMalformed() {
        String longName = "x".repeat(257);
        String body = "{'id':'e-1','type':'account.upserted','partnerId':'p-1','occurredAt':'2025-03-01T10:00:00Z',"
                + "'account':{'id':'','name':'" + longName + "','description':5,'region':'eu'}}";

        List<FieldError> errors = errors(body);

        assertEquals(List.of(
                new FieldError("account.region", "is not a known field"),
                new FieldError("account.id", "must be 1 to 256 characters"),
                new FieldError("account.name", "must be 1 to 256 characters"),
                new FieldError("account.description", "must be a string")), errors);
    }

    @Test
    void parse_shouldRejectABlankNameAndAMissingAccount_whenUpsertsLackThem() {
        String body = "{'events':["
                + "{'id':'e-1','type':'account.upserted','partnerId':'p-1','occurredAt':'2025-03-01T10:00:00Z','account':{'id':'a','name':'  '}},"
                + "{'id':'e-2','type':'account.upserted','partnerId':'p-1','occurredAt':'2025-03-01T10:00:00Z'},"
                + "{'id':'e-3','type':'account.upserted','partnerId':'p-1','occurredAt':'2025-03-01T10:00:00Z','account':'a'}]}";

        assertEquals(List.of(
                new FieldError("events[0].account.name", "must not be blank"),
                new FieldError("events[1].account", "is required"),
                new FieldError("events[2].account", "must be a JSON object")), errors(body));
    }

    @Test
    void parse_shouldListEveryInvalidEventWithItsIndex_whenABatchHasSeveral() {
        String body = "{'events':[" + usage("usage.set", "1") + "," + usage("usage.add", "'2'") + ",7,"
                + usage("usage.subtract", "0").replace("'partnerId':'p-1'", "'partnerId':''") + "]}";

        List<FieldError> errors = errors(body);

        assertEquals(List.of(
                new FieldError("events[1].quantity", "must be a JSON number"),
                new FieldError("events[2]", "must be a JSON object"),
                new FieldError("events[3].partnerId", "must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit"),
                new FieldError("events[3].quantity", "must be greater than 0")), errors);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "empty batch     | {'events':[]}        | events | must hold 1 to 100 events, had 0",
            "not an array    | {'events':{}}        | events | must be an array of events",
            "extra top field | {'events':[],'x':1}  | x      | is not a known field",
    })
    void parse_shouldNameTheEnvelope_whenTheBatchFormIsMalformed(String name, String body, String field, String message) {
        assertTrue(errors(body).contains(new FieldError(field, message)));
    }

    @Test
    void parse_shouldRejectTheBatch_whenItHoldsMoreThan100Events() {
        String events = IntStream.range(0, 101).mapToObj(i -> usage("usage.add", "1").replace("e-1", "e-" + i))
                .collect(Collectors.joining(","));

        FieldError error = onlyError("{'events':[" + events + "]}");

        assertEquals(new FieldError("events", "must hold 1 to 100 events, had 101"), error);
    }

    @Test
    void parse_shouldBoundTheErrorList_whenABodyHasManyProblems() {
        String fields = IntStream.range(0, 150).mapToObj(i -> "'f" + i + "':1").collect(Collectors.joining(","));
        String body = usage("usage.set", "1").replace("'quantity':1", "'quantity':1," + fields);

        VendorEventParser.Rejected e = rejected(body);

        assertEquals(VendorEventParser.MAX_ERRORS, e.errors().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1", "[1]", "\"x\"", "42", "null", "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2}",
            "{'a':1}", "{\"a\":NaN}", "\u0000", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"})
    void parse_shouldRejectNamingBody_whenNotASingleJsonObject(String body) {
        List<FieldError> errors = assertInstanceOf(VendorEventParser.Rejected.class,
                PARSER.parse(body.getBytes(StandardCharsets.UTF_8))).errors();

        assertEquals(1, errors.size(), errors.toString());
        assertEquals("body", errors.get(0).field());
    }

    @Test
    void parse_shouldSayWhereTheJsonBreaks_whenTheBodyIsNotJson() {
        assertEquals(List.of(new FieldError("body", "is not valid JSON (line 1, column 13)")),
                assertInstanceOf(VendorEventParser.Rejected.class,
                        PARSER.parse("{\"events\": [".getBytes(StandardCharsets.UTF_8))).errors());
        assertEquals(List.of(new FieldError("body", "must be a JSON object")),
                assertInstanceOf(VendorEventParser.Rejected.class,
                        PARSER.parse("[1]".getBytes(StandardCharsets.UTF_8))).errors());
        assertEquals(List.of(new FieldError("body", "is required")),
                assertInstanceOf(VendorEventParser.Rejected.class, PARSER.parse(new byte[0])).errors());
    }

    @Test
    void withoutSubject_shouldDropTheLeadingFieldName_whenTheMessageStartsWithIt() {
        assertEquals("must be 1 to 256 characters", VendorEventParser.withoutSubject("accountId must be 1 to 256 characters"));
        assertEquals("is required", VendorEventParser.withoutSubject("account.name is required"));
        assertEquals("quantity", VendorEventParser.withoutSubject("quantity"));
    }

    private static String alert(String id, String extra) {
        return "{'id':'" + id + "','type':'alert.raised','partnerId':'p-1','occurredAt':'2025-03-01T11:00:00Z',"
                + "'accountId':'acct-1','title':'Backup failed','description':'Job 7\\nfailed','priority':3,'status':2"
                + extra + "}";
    }

    @Test
    void parse_shouldKeepAnAlertExactlyAsSent_whenItIsValid() {
        String title = "  Sicherung fehlgeschlagen \u2014 \uD83D\uDD25  ";
        byte[] body = ("{\"id\":\"al-1\",\"type\":\"alert.raised\",\"partnerId\":\"p-1\",\"occurredAt\":\"2025-03-01T11:00:00Z\","
                + "\"accountId\":\"acct-1\",\"title\":\"" + title + "\",\"description\":\"line 1\\nline 2\\tend\","
                + "\"priority\":4,\"status\":6,\"serviceId\":\"backup-server\",\"dedupKey\":\"disk-full\"}")
                .getBytes(StandardCharsets.UTF_8);
        VendorEvent.AlertRaised alert = assertInstanceOf(VendorEvent.AlertRaised.class, events(body).get(0));
        assertEquals("al-1", alert.id().value());
        assertEquals(title, alert.title(), "not trimmed, Unicode kept");
        assertEquals("line 1\nline 2\tend", alert.description());
        assertEquals(4, alert.priority());
        assertEquals(6, alert.status());
        assertEquals(Optional.of(io.gradientconnector.domain.ServiceKey.of("backup-server")), alert.service());
        assertEquals(Optional.of("disk-full"), alert.dedupKey());
        VendorEvent.AlertRaised minimal = assertInstanceOf(VendorEvent.AlertRaised.class, events(json(alert("al-2", ""))).get(0));
        assertEquals(Optional.empty(), minimal.service());
        assertEquals(Optional.empty(), minimal.dedupKey());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            priority too high    | ,'priority':5                 | priority    | must be a whole number from 1 to 4
            priority a string    | ,'priority':'3'               | priority    | must be a whole number from 1 to 4
            priority a fraction  | ,'priority':2.5               | priority    | must be a whole number from 1 to 4
            status zero          | ,'status':0                   | status      | must be a whole number from 1 to 6
            status seven         | ,'status':7                   | status      | must be a whole number from 1 to 6
            unknown service      | ,'serviceId':'coffee'         | serviceId   | is not a service of the catalog
            blank title          | ,'title':'  '                 | title       | is required
            unknown field        | ,'severity':'high'            | severity    | is not a known field
            empty dedup key      | ,'dedupKey':''                | dedupKey    | must be 1 to 256 characters
            """)
    void parse_shouldNameTheField_whenAnAlertIsInvalid(String name, String change, String field, String message) {
        String body = alert("al-3", "");
        String key = change.substring(2, change.indexOf("':"));
        String replaced = body.contains("'" + key + "':") ? body.replaceFirst("'" + key + "':('[^']*'|[0-9.]+)", change.substring(1))
                : body.substring(0, body.length() - 1) + change + "}";
        assertEquals(new FieldError(field, message), onlyError(replaced));
    }

    @Test
    void parse_shouldRejectTheWholeBatch_whenOneAlertOfAMixedBatchIsInvalid() {
        String body = "{'events':[" + usage("usage.set", "3") + ","
                + "{'id':'acc-1','type':'account.upserted','partnerId':'p-1','occurredAt':'2025-03-01T11:00:00Z',"
                + "'account':{'id':'acct-1','name':'Acme'}}," + alert("al-4", "").replace("'priority':3", "'priority':9")
                + "]}";
        assertEquals(List.of(new FieldError("events[2].priority", "must be a whole number from 1 to 4")), errors(body));
        String fixed = body.replace("'priority':9", "'priority':1");
        assertEquals(3, events(json(fixed)).size());
    }
}
