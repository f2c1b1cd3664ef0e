package io.outbound.campaign.samples.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.outbound.campaign.ActivityQuery;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RedialCampaignRequest;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.UpdateCampaignRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * The twelve campaign endpoints at the service's paths ({@code GET /campaign/} also taking {@code status}, a
 * comma-separated list of statuses), and {@code GET /campaign/{id}/activity} (calls over time,
 * {@code from}, {@code to} and {@code bucket_seconds} in the query), each a thin translation from HTTP to
 * {@link CampaignService}: the organisation comes from the API key, bodies and answers are the service's JSON,
 * and the report streams as CSV.
 */
final class CampaignRoutes implements HttpHandler {
    private static final String PREFIX = "/campaign";

    private final CampaignService campaigns;
    private final ApiKeys keys;
    private final long maxJsonBytes;

    CampaignRoutes(CampaignService campaigns, ApiKeys keys, long maxJsonBytes) {
        this.campaigns = campaigns;
        this.keys = keys;
        this.maxJsonBytes = maxJsonBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        // The raw path: a decoded one would make "/campaign/%31" campaign 1 under a second name.
        String path = exchange.getRequestURI().getRawPath();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            throw HttpFailure.noRoute(method, path);
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        // "/campaign/" -> ["", ""], "/campaign/7/runs" -> ["", "7", "runs"]
        int depth = parts.length;
        if (depth <= 2 && (depth == 1 || parts[1].isEmpty())) {
            HttpFailure.allow(method, path, "GET");
            list(exchange, keys.authenticate(authorization(exchange)));
        } else if (depth == 2 && parts[1].equals("create")) {
            HttpFailure.allow(method, path, "POST");
            create(exchange, keys.authenticate(authorization(exchange)));
        } else if (depth == 2) {
            HttpFailure.allow(method, path, "GET, PATCH");
            String org = keys.authenticate(authorization(exchange));
            long id = campaignId(parts[1]);
            if (method.equals("GET")) {
                HttpReplies.json(exchange, 200, campaigns.get(org, id));
            } else {
                UpdateCampaignRequest update = RequestBody.readJson(exchange, maxJsonBytes,
                        UpdateCampaignRequest.class);
                HttpReplies.json(exchange, 200, campaigns.update(org, id, update));
            }
        } else if (depth == 3) {
            action(exchange, method, path, parts[1], parts[2]);
        } else {
            throw HttpFailure.noRoute(method, path);
        }
    }

    private void action(HttpExchange exchange, String method, String path, String idText, String action)
            throws IOException {
        switch (action) {
            case "start", "pause", "resume", "redial" -> HttpFailure.allow(method, path, "POST");
            case "progress", "waiting", "runs", "activity", "source-download-url", "report" ->
                    HttpFailure.allow(method, path, "GET");
            default -> throw HttpFailure.noRoute(method, path);
        }
        String org = keys.authenticate(authorization(exchange));
        long id = campaignId(idText);
        switch (action) {
            case "start" -> HttpReplies.json(exchange, 200, campaigns.start(org, id));
            case "pause" -> HttpReplies.json(exchange, 200, campaigns.pause(org, id));
            case "resume" -> HttpReplies.json(exchange, 200, campaigns.resume(org, id));
            case "redial" -> {
                RedialCampaignRequest request = RequestBody.readJson(exchange, maxJsonBytes,
                        RedialCampaignRequest.class);
                Campaign redial = campaigns.redial(org, id, request);
                HttpReplies.header(exchange, "Location", PREFIX + "/" + redial.id());
                HttpReplies.json(exchange, 201, redial);
            }
            case "progress" -> HttpReplies.json(exchange, 200, campaigns.progress(org, id));
            case "waiting" -> HttpReplies.json(exchange, 200, campaigns.waiting(org, id));
            case "runs" -> runs(exchange, org, id);
            case "activity" -> {
                QueryString query = QueryString.parse(exchange.getRequestURI().getRawQuery());
                HttpReplies.json(exchange, 200, campaigns.activity(org, id, ActivityQuery.parse(query.text("from"),
                        query.text("to"), query.text("bucket_seconds"))));
            }
            case "source-download-url" -> HttpReplies.json(exchange, 200, campaigns.sourceDownloadUrl(org, id));
            default -> report(exchange, org, id);
        }
    }

    private void list(HttpExchange exchange, String org) throws IOException {
        QueryString query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        Integer[] paging = query.integers("page", "limit");
        // "status=" with no value is refused, not read as every status: a client that meant a status gets told.
        Set<CampaignStatus> statuses = CampaignStatus.parseList(query.given("status"));
        HttpReplies.json(exchange, 200, campaigns.list(org, statuses, PageRequest.of(paging[0], paging[1])));
    }

    private void create(HttpExchange exchange, String org) throws IOException {
        CreateCampaignRequest request = RequestBody.readJson(exchange, maxJsonBytes, CreateCampaignRequest.class);
        String key = request.contactsFileKey();
        if (!key.startsWith(FileRoutes.organisationPrefix(org))) {
            throw CampaignException.validation("contacts_file_key", key,
                    "must be a key returned by POST /files/upload-url for this organisation (starting with '"
                            + FileRoutes.organisationPrefix(org) + "')");
        }
        Campaign campaign = campaigns.create(org, request);
        HttpReplies.header(exchange, "Location", PREFIX + "/" + campaign.id());
        HttpReplies.json(exchange, 201, campaign);
    }

    private void runs(HttpExchange exchange, String org, long id) throws IOException {
        QueryString query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        Integer[] paging = query.integers("page", "limit");
        RunsQuery runs = new RunsQuery(paging[0], paging[1], query.text("filters"), query.text("sort_by"),
                query.text("sort_order"));
        HttpReplies.json(exchange, 200, campaigns.runs(org, id, runs));
    }

    private void report(HttpExchange exchange, String org, long id) throws IOException {
        QueryString query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        ReportQuery range = ReportQuery.parse(query.text("start_date"), query.text("end_date"));
        // Every refusal (unknown campaign, another organisation's) must come before the 200 is sent.
        campaigns.get(org, id);
        HttpReplies.header(exchange, "Content-Type", "text/csv; charset=utf-8");
        HttpReplies.header(exchange, "Content-Disposition",
                ContentDisposition.attachment("campaign-" + id + "-report.csv"));
        HttpReplies.header(exchange, "Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            campaigns.report(org, id, range, out);
        }
    }


    /**
     * The campaign id a path segment names: canonical ASCII decimal, a digit 1 to 9 then digits, within a
     * {@code long}. Any other spelling ({@code +1}, {@code 01}, {@code %31}, Arabic-Indic digits) names no
     * campaign, so that one campaign never answers under several paths.
     *
     * @throws CampaignException {@code NOT_FOUND} for any other text, quoting at most 40 characters of it
     */
    static long campaignId(String text) {
        if (QueryString.isCanonicalDecimal(text) && text.charAt(0) != '-' && text.charAt(0) != '0') {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // Over Long.MAX_VALUE: no campaign has that id.
            }
        }
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "…";
        throw new CampaignException(ErrorCode.NOT_FOUND, "campaign '" + shown + "' not found: a campaign id is "
                + "written in ASCII digits, without sign, leading zeros or escapes");
    }

    private static String authorization(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst("Authorization");
    }

}
