package io.gradientconnector.partnerkey;

import io.gradientconnector.app.alerts.AlertListing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.gradientconnector.lambda.ApiError;
import io.gradientconnector.lambda.ApiException;
import io.gradientconnector.lambda.ApiRequest;
import io.gradientconnector.lambda.ApiResponses;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.MetricUnit;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.app.partner.ConnectPartner;
import io.gradientconnector.app.partner.DisconnectPartner;
import io.gradientconnector.app.partner.ListPartnerClients;
import io.gradientconnector.app.partner.PartnerFailure;
import io.gradientconnector.app.partner.PartnerUseCases;
import io.gradientconnector.app.sync.SyncPreview;
import io.gradientconnector.app.partner.PartnerView;
import io.gradientconnector.app.report.ListPartners;
import io.gradientconnector.app.report.PushHistory;
import io.gradientconnector.app.report.ReconciliationReport;
import io.gradientconnector.app.report.ReportFailure;
import io.gradientconnector.app.report.ReportUseCases;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.lambda.LambdaDeadline;
import io.gradientconnector.lambda.LambdaLogs;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.port.StoreConflictException;
import io.gradientconnector.port.StoreUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The portal API (API Gateway proxy events, API key required when deployed):
 * <ul>
 *   <li>{@code PUT /partners/{partnerId}/gradient} body {@code {"partnerApiKey": "..."}}: 200 with the view</li>
 *   <li>{@code GET /partners/{partnerId}/gradient}: 200 with the view</li>
 *   <li>{@code DELETE /partners/{partnerId}/gradient}: 204</li>
 *   <li>{@code POST /partners/{partnerId}/gradient/sync}: 202 {@code {"queued": true}}; with {@code ?dryRun=true},
 *       200 and what the sync would do ({@link SyncPreview}), computed now with Gradient's read routes only</li>
 *   <li>{@code GET /partners/{partnerId}/gradient/clients?search=&previousId=}: 200 one page of PSA clients</li>
 *   <li>{@code GET /partners?status=&cursor=&limit=}: 200 one page of partners (docs/REPORT.md)</li>
 *   <li>{@code GET /partners/{partnerId}/gradient/report?cursor=&limit=}: 200 one page of the reconciliation report,
 *       JSON or CSV ({@code Accept: text/csv})</li>
 *   <li>{@code GET /partners/{partnerId}/gradient/report/pushes?accountId=&service=&cursor=&limit=}: 200 one page of
 *       the push audit trail of one account and service</li>
 *   <li>{@code GET /partners/{partnerId}/gradient/alerts?status=&limit=&cursor=}: 200 one page of recent alerts,
 *       newest first</li>
 * </ul>
 * Thin: validate, call one use case, map its result or its typed failure to a response. Every answer is JSON (204
 * aside). Logs carry the route, request id and partner id, never a body or a key.
 *
 * <p>Thread-safe: everything it holds is immutable or thread-safe.
 */
public final class PartnerKeyHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String FUNCTION = "partner-key";
    static final String KEY_ROUTE = "/partners/{partnerId}/gradient";
    static final String SYNC_ROUTE = "/partners/{partnerId}/gradient/sync";
    static final String CLIENTS_ROUTE = "/partners/{partnerId}/gradient/clients";
    static final String PARTNERS_ROUTE = "/partners";
    static final String REPORT_ROUTE = "/partners/{partnerId}/gradient/report";
    static final String PUSHES_ROUTE = "/partners/{partnerId}/gradient/report/pushes";
    static final String ALERTS_ROUTE = "/partners/{partnerId}/gradient/alerts";

    static final Metric REQUESTS = Metric.of("portalRequests", MetricUnit.COUNT);
    static final Metric KEYS_STORED = Metric.of("partnerKeysStored", MetricUnit.COUNT);
    static final Metric KEYS_REJECTED = Metric.of("partnerKeysRejected", MetricUnit.COUNT);
    static final Metric DISCONNECTS = Metric.of("partnerDisconnects", MetricUnit.COUNT);

    private final PartnerUseCases useCases;
    private final ReportUseCases reports;
    private final SyncPreview preview;
    private final JsonLog log;
    private final Metrics metrics;
    private final Clock clock;
    private final PortalRequests requests = new PortalRequests();
    private final ApiResponses responses = ApiResponses.standard();
    private final ReportResponses reportResponses = new ReportResponses(responses);

    /** Lambda's entry point: real dependencies from the environment, built once per container. */
    public PartnerKeyHandler() {
        this(Components.fromEnvironment(FUNCTION));
    }

    PartnerKeyHandler(Components components) {
        this(components.partnerUseCases(), components.reportUseCases(), components.syncPreview(), components.log(),
                components.metrics(), components.clock());
    }

    PartnerKeyHandler(PartnerUseCases useCases, ReportUseCases reports, SyncPreview preview, JsonLog log,
                      Metrics metrics, Clock clock) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.preview = Objects.requireNonNull(preview, "preview");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Instant deadline = LambdaDeadline.of(context, clock, LambdaDeadline.API_GATEWAY_LIMIT);
        JsonLog requestLog = LambdaLogs.forApiEvent(log, event, context);
        APIGatewayProxyResponseEvent response;
        try {
            if (event == null) {
                throw new ApiException(ApiError.of(400, "invalid_request", "the event is empty"));
            }
            ApiRequest request = ApiRequest.of(event);
            requestLog = LambdaLogs.withRoute(requestLog, request);
            response = route(request, deadline, requestLog);
        } catch (ApiException invalid) {
            requestLog.info("rejected request: " + invalid.error().error());
            response = responses.error(invalid.error());
        } catch (PartnerFailure failure) {
            response = failed(failure, requestLog);
        } catch (ReportFailure failure) {
            response = switch (failure) {
                case ReportFailure.UnknownPartner f -> responses.error(ApiError.of(404, "partner_not_found", f.getMessage()));
                case ReportFailure.BadCursor f ->
                        responses.error(ApiError.invalidField(PortalRequests.CURSOR, f.getMessage()));
            };
        } catch (KeyVaultException vault) {
            requestLog.error("secret store failure", vault);
            response = responses.error(ApiError.of(503, "secrets_unavailable",
                    "the connector could not use its secret store; retry later"));
        } catch (QueueException queue) {
            requestLog.error("sync queue failure", queue);
            response = responses.error(ApiError.of(503, "queue_unavailable",
                    "the sync could not be queued; retry later"));
        } catch (StoreConflictException busy) {
            requestLog.warn("partner record kept changing", busy);
            response = responses.error(ApiError.of(503, "storage_busy",
                    "the partner record is changing concurrently; retry in a moment"));
        } catch (StoreUnavailableException storage) {
            requestLog.error("AWS call failed", storage);
            response = responses.error(ApiError.of(503, "storage_unavailable",
                    "the connector's storage is unavailable; retry later"));
        } catch (RuntimeException bug) {
            // A defect, not an outcome: a generic answer, and a log line with the type and frame but no message.
            requestLog.error("unexpected failure", bug);
            response = responses.error(ApiError.of(500, "internal_error", "internal error"));
        }
        try {
            metrics.count(REQUESTS);
            if (response.getStatusCode() >= 500) {
                metrics.count(Metric.FAILURES);
            }
        } finally {
            metrics.flush();
        }
        return response;
    }

    private APIGatewayProxyResponseEvent route(ApiRequest request, Instant deadline, JsonLog requestLog) {
        String method = request.method();
        return switch (request.resource()) {
            case KEY_ROUTE -> switch (method) {
                case "PUT" -> put(request, deadline, requestLog);
                case "GET" -> get(request, deadline, requestLog);
                case "DELETE" -> delete(request, deadline, requestLog);
                default -> methodNotAllowed("GET, PUT, DELETE");
            };
            case SYNC_ROUTE -> method.equals("POST") ? sync(request, deadline, requestLog) : methodNotAllowed("POST");
            case CLIENTS_ROUTE -> method.equals("GET") ? clients(request, deadline, requestLog) : methodNotAllowed("GET");
            case PARTNERS_ROUTE -> method.equals("GET") ? partners(request) : methodNotAllowed("GET");
            case REPORT_ROUTE -> method.equals("GET") ? report(request) : methodNotAllowed("GET");
            case PUSHES_ROUTE -> method.equals("GET") ? pushes(request) : methodNotAllowed("GET");
            case ALERTS_ROUTE -> method.equals("GET") ? alerts(request, requestLog) : methodNotAllowed("GET");
            default -> responses.error(ApiError.of(404, "route_not_found",
                    "no route " + method + " " + printable(request.resource())));
        };
    }

    private APIGatewayProxyResponseEvent put(ApiRequest request, Instant deadline, JsonLog requestLog) {
        PartnerId partnerId = requests.partnerId(request);
        JsonLog partnerLog = requestLog.with("partnerId", partnerId.value());
        PortalRequests.Submission submission = requests.submission(request);
        ConnectPartner.Connected connected;
        try {
            connected = useCases.connect().connect(partnerId, submission.key(), submission.move(), deadline);
        } catch (PartnerFailure.KeyRejected rejected) {
            metrics.count(KEYS_REJECTED);
            throw rejected;
        }
        metrics.count(KEYS_STORED);
        PartnerView view = connected.view();
        partnerLog.with("keyFingerprint", view.keyFingerprint()).with("status", view.status())
                .with("reconnected", connected.reconnected())
                .with("moved", connected.moved())
                .info("partner key verified and stored");
        if (!connected.syncQueued()) {
            partnerLog.warn("account sync not queued; the hourly schedule will sync this partner");
        }
        return responses.json(200, view);
    }

    private APIGatewayProxyResponseEvent get(ApiRequest request, Instant deadline, JsonLog requestLog) {
        PartnerId partnerId = requests.partnerId(request);
        PartnerView view = useCases.describe().describe(partnerId, deadline);
        if (!view.gradient().reachable()) {
            requestLog.with("partnerId", partnerId.value()).with("gradientError", view.gradient().error())
                    .warn("Gradient's side of the integration could not be read");
        }
        return responses.json(200, view);
    }

    private APIGatewayProxyResponseEvent delete(ApiRequest request, Instant deadline, JsonLog requestLog) {
        PartnerId partnerId = requests.partnerId(request);
        JsonLog partnerLog = requestLog.with("partnerId", partnerId.value());
        DisconnectPartner.Disconnected done = useCases.disconnect().disconnect(partnerId, deadline);
        if (done.alreadyDisconnected()) {
            partnerLog.info("partner was already disconnected");
        } else {
            metrics.count(DISCONNECTS);
            done.inactiveFailure().ifPresent(reason -> partnerLog.with("reason", reason)
                    .warn("could not set the Gradient integration inactive (best effort)"));
            partnerLog.with("accountsCleared", done.accountsCleared()).with("rowsReset", done.rowsReset())
                    .info("partner disconnected");
        }
        return responses.noContent();
    }

    private APIGatewayProxyResponseEvent sync(ApiRequest request, Instant deadline, JsonLog requestLog) {
        PartnerId partnerId = requests.partnerId(request);
        if (requests.dryRun(request)) {
            SyncPreview.Plan plan = preview.preview(partnerId, deadline);
            requestLog.with("partnerId", partnerId.value()).with("pushes", plan.pushesTotal())
                    .with("accountsToCreate", plan.accountsToCreate().size())
                    .with("servicesToCreate", plan.servicesToCreate().size())
                    .with("removedServices", plan.removedServices().size()).info("account sync previewed (dry run)");
            return responses.json(200, plan);
        }
        useCases.requestSync().request(partnerId);
        requestLog.with("partnerId", partnerId.value()).info("account sync queued");
        return responses.json(202, Map.of("queued", true));
    }

    private APIGatewayProxyResponseEvent clients(ApiRequest request, Instant deadline, JsonLog requestLog) {
        PartnerId partnerId = requests.partnerId(request);
        ListPartnerClients.ClientList page = useCases.listClients().list(partnerId, requests.search(request),
                requests.previousId(request), deadline);
        Map<String, Object> body = new HashMap<>();
        body.put("clients", page.clients());
        body.put("nextPreviousId", page.nextPreviousId()); // null on the last (empty) page
        requestLog.with("partnerId", partnerId.value()).with("clients", page.clients().size()).debug("clients listed");
        return responses.json(200, body);
    }

    private APIGatewayProxyResponseEvent partners(ApiRequest request) {
        return reportResponses.partners(reports.listPartners().page(requests.status(request), requests.cursor(request),
                requests.limit(request, ListPartners.DEFAULT_LIMIT, ListPartners.MAX_LIMIT)));
    }

    private APIGatewayProxyResponseEvent report(ApiRequest request) {
        PartnerId partnerId = requests.partnerId(request);
        return reportResponses.report(reports.report().page(partnerId, requests.cursor(request),
                requests.limit(request, ReconciliationReport.DEFAULT_LIMIT, ReconciliationReport.MAX_LIMIT)),
                ReportResponses.wantsCsv(request));
    }

    private APIGatewayProxyResponseEvent pushes(ApiRequest request) {
        PartnerId partnerId = requests.partnerId(request);
        return reportResponses.pushes(reports.pushHistory().page(partnerId, requests.accountId(request),
                requests.service(request), requests.cursor(request),
                requests.limit(request, PushHistory.DEFAULT_LIMIT, PushHistory.MAX_LIMIT)));
    }

    private APIGatewayProxyResponseEvent alerts(ApiRequest request, JsonLog requestLog) {
        PartnerId partnerId = requests.partnerId(request);
        Optional<String> status = requests.alertStatus(request);
        int limit = requests.alertLimit(request);
        Optional<String> cursor = requests.cursor(request);
        AlertListing.Listing page;
        try {
            page = useCases.listAlerts().list(partnerId, status, cursor, limit);
        } catch (IllegalArgumentException badCursor) {
            throw ApiException.invalidField(PortalRequests.CURSOR, "is not a cursor this listing returned");
        }
        requestLog.with("partnerId", partnerId.value()).with("alerts", page.alerts().size()).debug("alerts listed");
        return responses.json(200, page);
    }

    private APIGatewayProxyResponseEvent failed(PartnerFailure failure, JsonLog requestLog) {
        return switch (failure) {
            case PartnerFailure.NotConnected f -> responses.error(ApiError.of(404, "partner_not_found", f.getMessage()));
            case PartnerFailure.KeyRejected f -> {
                requestLog.info("Gradient rejected the partner key");
                yield responses.error(ApiError.of(422, "partner_key_rejected", f.getMessage()));
            }
            case PartnerFailure.NeedsKey f -> responses.error(ApiError.of(409, "partner_needs_key", f.getMessage()));
            case PartnerFailure.OrganizationMismatch f ->
                    responses.error(ApiError.of(409, "organization_mismatch", f.getMessage()));
            case PartnerFailure.ChangeInProgress f -> ApiResponses.withRetryAfter(
                    responses.error(ApiError.of(409, "submission_in_progress", f.getMessage())), Duration.ofSeconds(1));
            case PartnerFailure.GradientFailed f -> gradientFailed(f, requestLog);
        };
    }

    private APIGatewayProxyResponseEvent gradientFailed(PartnerFailure.GradientFailed f, JsonLog requestLog) {
        requestLog.with("gradientRoute", f.route()).with("gradientStatus", f.gradientStatus())
                .with("kind", f.kind().name()).warn("Gradient call failed");
        return switch (f.kind()) {
            case FORBIDDEN -> responses.error(ApiError.of(502, "gradient_forbidden", f.getMessage()));
            case THROTTLED -> ApiResponses.withRetryAfter(responses.error(ApiError.of(503, "gradient_throttled", f.getMessage())),
                    f.retryAfter().orElse(Duration.ofSeconds(1)));
            case UNAVAILABLE -> responses.error(ApiError.of(502, "gradient_unavailable", f.getMessage()));
            case UNEXPECTED -> responses.error(ApiError.of(502, "gradient_error", f.getMessage()));
        };
    }

    private APIGatewayProxyResponseEvent methodNotAllowed(String allowed) {
        return ApiResponses.withHeader(responses.error(ApiError.of(405, "method_not_allowed",
                "this route allows " + allowed)), "Allow", allowed);
    }

    private static String printable(String resource) {
        String clean = resource.codePoints().filter(c -> !Character.isISOControl(c)).limit(200)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.isEmpty() ? "(none)" : clean;
    }
}
