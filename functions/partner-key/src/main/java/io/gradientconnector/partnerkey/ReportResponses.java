package io.gradientconnector.partnerkey;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.gradientconnector.app.report.ListPartners;
import io.gradientconnector.app.report.PushHistory;
import io.gradientconnector.app.report.ReconciliationReport;
import io.gradientconnector.app.report.ReportLine;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.lambda.ApiRequest;
import io.gradientconnector.lambda.ApiResponses;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the operators' read routes: JSON bodies (counts as plain JSON numbers, times as ISO-8601 strings, absent
 * values as null), and the report as CSV (RFC 4180: CRLF line ends, a header row, fields with a comma, quote, CR or
 * LF quoted and quotes doubled) when the request's {@code Accept} names {@code text/csv}. Stateless, thread-safe.
 */
final class ReportResponses {
    static final String CSV = "text/csv";
    static final String NEXT_CURSOR_HEADER = "X-Next-Cursor";
    static final List<String> CSV_COLUMNS = List.of("accountId", "service", "ledgerCount", "confirmedCount",
            "confirmedAt", "lastAttemptAt", "state", "difference", "lastError");

    private final ApiResponses responses;

    ReportResponses(ApiResponses responses) {
        this.responses = responses;
    }

    static boolean wantsCsv(ApiRequest request) {
        return request.header("Accept").map(a -> a.toLowerCase(Locale.ROOT).contains(CSV)).orElse(false);
    }

    APIGatewayProxyResponseEvent partners(ListPartners.PartnerList list) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partners", list.partners());
        body.put("nextCursor", list.nextCursor().orElse(null));
        return responses.json(200, body);
    }

    APIGatewayProxyResponseEvent report(ReconciliationReport.ReportPage page, boolean csv) {
        if (csv) {
            APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "text/csv; charset=utf-8; header=present",
                            "Cache-Control", "no-store"))
                    .withBody(csv(page.lines()));
            return page.nextCursor().map(c -> ApiResponses.withHeader(response, NEXT_CURSOR_HEADER, c)).orElse(response);
        }
        List<Map<String, Object>> lines = new ArrayList<>(page.lines().size());
        for (ReportLine line : page.lines()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("accountId", line.accountId());
            item.put("service", line.service());
            item.put("ledgerCount", plain(line.ledgerCount()));
            item.put("confirmedCount", plain(line.confirmedCount()));
            item.put("confirmedAt", line.confirmedAt());
            item.put("lastAttemptAt", line.lastAttemptAt());
            item.put("state", line.state());
            item.put("difference", plain(line.difference()));
            item.put("lastError", line.lastError());
            lines.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnerId", page.partnerId());
        body.put("lines", lines);
        body.put("nextCursor", page.nextCursor().orElse(null));
        return responses.json(200, body);
    }

    APIGatewayProxyResponseEvent pushes(PushHistory.HistoryPage page) {
        List<Map<String, Object>> attempts = new ArrayList<>(page.attempts().size());
        for (PushAttempt attempt : page.attempts()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", attempt.at().toString());
            item.put("operation", attempt.operation());
            item.put("count", plain(attempt.count()));
            item.put("noBuild", attempt.noBuild());
            item.put("outcome", attempt.outcome().name());
            item.put("httpStatus", attempt.status());
            item.put("requestId", attempt.requestId());
            attempts.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnerId", page.partnerId());
        body.put("accountId", page.accountId());
        body.put("service", page.service());
        body.put("gradientServiceId", page.gradientServiceId());
        body.put("pushes", attempts);
        body.put("nextCursor", page.nextCursor().orElse(null));
        return responses.json(200, body);
    }

    static String csv(List<ReportLine> lines) {
        StringBuilder out = new StringBuilder();
        row(out, CSV_COLUMNS);
        for (ReportLine line : lines) {
            row(out, java.util.Arrays.asList(line.accountId(), line.service(), text(line.ledgerCount()),
                    text(line.confirmedCount()), line.confirmedAt(), line.lastAttemptAt(), line.state(),
                    text(line.difference()), line.lastError()));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    /** A JSON number without exponent or trailing zeros (1E+3 is written 1000, 0.0 is 0). */
    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : new BigDecimal(value.stripTrailingZeros().toPlainString());
    }
}
