package io.outbound.campaign.boot.web;

import io.outbound.campaign.ActivityQuery;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RedialCampaignRequest;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.UpdateCampaignRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The twelve campaign endpoints at the service's paths, with {@code GET /campaign/{id}/activity} (calls over time:
 * {@code from}, {@code to}, {@code bucket_seconds}) and {@code GET /campaign/{id}/waiting} (contacts the contact rules
 * hold back), each a thin translation from HTTP to {@link CampaignService}. Bodies are read and answers written with
 * {@link CampaignJson}, never with the application's message converters, so the JSON is the service's whatever
 * Jackson the application configures. A {@code contacts_file_key} under {@code orgs/} must be in the organisation's
 * own folder there (where {@link FileController} puts uploads).
 * Errors are the JSON {@code {"code", "message", "errors"}} with the status of the {@link ErrorCode}
 * ({@code ErrorCode.httpStatus()}: 404, 422, 409, 400, 503), 401 when the resolver finds no organisation and 413 for
 * a body over {@code campaign.web.max-json-size}.
 */
@RestController
public class CampaignController {
    private static final Logger log = LoggerFactory.getLogger(CampaignController.class);
    private static final String PREFIX = "/campaign";

    private final CampaignService campaigns;
    private final CampaignOrganisationResolver organisations;
    private final long maxJsonBytes;

    /**
     * @param campaigns     the engine's campaign operations
     * @param organisations the organisation of each request
     * @param maxJsonBytes  the largest JSON body read
     */
    public CampaignController(CampaignService campaigns, CampaignOrganisationResolver organisations,
                              long maxJsonBytes) {
        this.campaigns = campaigns;
        this.organisations = organisations;
        this.maxJsonBytes = maxJsonBytes;
    }

    @GetMapping({PREFIX, PREFIX + "/"})
    ResponseEntity<byte[]> list(HttpServletRequest request, @RequestParam(name = "page", required = false) String page,
                                @RequestParam(name = "limit", required = false) String limit,
                                @RequestParam(name = "status", required = false) String status) {
        String org = organisation(request);
        Integer[] paging = RequestValues.integers(new String[] {"page", "limit"}, page, limit);
        // "status=" with no value is refused, not read as every status; a repeated status joins with commas.
        Set<CampaignStatus> statuses = CampaignStatus.parseList(status);
        return JsonReplies.ok(campaigns.list(org, statuses, PageRequest.of(paging[0], paging[1])));
    }

    @PostMapping(PREFIX + "/create")
    ResponseEntity<byte[]> create(HttpServletRequest request) throws IOException {
        String org = organisation(request);
        CreateCampaignRequest create = body(request, CreateCampaignRequest.class);
        OrganisationFiles.checkReadable("contacts_file_key", create.contactsFileKey(), org);
        Campaign campaign = campaigns.create(org, create);
        return JsonReplies.created(URI.create(PREFIX + "/" + campaign.id()), campaign);
    }

    @GetMapping(PREFIX + "/{id}")
    ResponseEntity<byte[]> get(HttpServletRequest request, @PathVariable("id") String id) {
        String org = organisation(request);
        return JsonReplies.ok(campaigns.get(org, RequestValues.campaignId(id)));
    }

    @PatchMapping(PREFIX + "/{id}")
    ResponseEntity<byte[]> update(HttpServletRequest request, @PathVariable("id") String id) throws IOException {
        String org = organisation(request);
        long campaignId = RequestValues.campaignId(id);
        return JsonReplies.ok(campaigns.update(org, campaignId, body(request, UpdateCampaignRequest.class)));
    }

    @PostMapping(PREFIX + "/{id}/start")
    ResponseEntity<byte[]> start(HttpServletRequest request, @PathVariable("id") String id) {
        String org = organisation(request);
        return JsonReplies.ok(campaigns.start(org, RequestValues.campaignId(id)));
    }

    @PostMapping(PREFIX + "/{id}/pause")
    ResponseEntity<byte[]> pause(HttpServletRequest request, @PathVariable("id") String id) {
        String org = organisation(request);
        return JsonReplies.ok(campaigns.pause(org, RequestValues.campaignId(id)));
    }

    @PostMapping(PREFIX + "/{id}/resume")
    ResponseEntity<byte[]> resume(HttpServletRequest request, @PathVariable("id") String id) {
        String org = organisation(request);
        return JsonReplies.ok(campaigns.resume(org, RequestValues.campaignId(id)));
    }

    @PostMapping(PREFIX + "/{id}/redial")
    ResponseEntity<byte[]> redial(HttpServletRequest request, @PathVariable("id") String id) throws IOException {
        String org = organisation(request);
        long campaignId = RequestValues.campaignId(id);
        Campaign redial = campaigns.redial(org, campaignId, body(request, RedialCampaignRequest.class));
        return JsonReplies.created(URI.create(PREFIX + "/" + redial.id()), redial);
    }

    @GetMapping(PREFIX + "/{id}/progress")
    ResponseEntity<byte[]> progress(HttpServletRequest request, @PathVariable("id") String id) {
        String org = organisation(request);
        return JsonReplies.ok(campaigns.progress(org, RequestValues.campaignId(id)));
    }

    @GetMapping(PREFIX + "/{id}/waiting")
    ResponseEntity<byte[]> waiting(HttpServletRequest request, @PathVariable("id") String id) {
        String org = organisation(request);
        return JsonReplies.ok(campaigns.waiting(org, RequestValues.campaignId(id)));
    }

    @GetMapping(PREFIX + "/{id}/activity")
    ResponseEntity<byte[]> activity(HttpServletRequest request, @PathVariable("id") String id,
                                    @RequestParam(name = "from", required = false) String from,
                                    @RequestParam(name = "to", required = false) String to,
                                    @RequestParam(name = "bucket_seconds", required = false) String bucketSeconds) {
        String org = organisation(request);
        long campaignId = RequestValues.campaignId(id);
        ActivityQuery query = ActivityQuery.parse(RequestValues.text(from), RequestValues.text(to),
                RequestValues.text(bucketSeconds));
        return JsonReplies.ok(campaigns.activity(org, campaignId, query));
    }

    @GetMapping(PREFIX + "/{id}/runs")
    ResponseEntity<byte[]> runs(HttpServletRequest request, @PathVariable("id") String id,
                                @RequestParam(name = "page", required = false) String page,
                                @RequestParam(name = "limit", required = false) String limit,
                                @RequestParam(name = "filters", required = false) String filters,
                                @RequestParam(name = "sort_by", required = false) String sortBy,
                                @RequestParam(name = "sort_order", required = false) String sortOrder) {
        String org = organisation(request);
        long campaignId = RequestValues.campaignId(id);
        Integer[] paging = RequestValues.integers(new String[] {"page", "limit"}, page, limit);
        RunsQuery query = new RunsQuery(paging[0], paging[1], RequestValues.text(filters),
                RequestValues.text(sortBy), RequestValues.text(sortOrder));
        return JsonReplies.ok(campaigns.runs(org, campaignId, query));
    }

    @GetMapping(PREFIX + "/{id}/source-download-url")
    ResponseEntity<byte[]> sourceDownloadUrl(HttpServletRequest request, @PathVariable("id") String id) {
        String org = organisation(request);
        return JsonReplies.ok(campaigns.sourceDownloadUrl(org, RequestValues.campaignId(id)));
    }

    @GetMapping(PREFIX + "/{id}/report")
    void report(HttpServletRequest request, HttpServletResponse response, @PathVariable("id") String id,
                @RequestParam(name = "start_date", required = false) String startDate,
                @RequestParam(name = "end_date", required = false) String endDate) throws IOException {
        String org = organisation(request);
        long campaignId = RequestValues.campaignId(id);
        ReportQuery range = ReportQuery.parse(RequestValues.text(startDate), RequestValues.text(endDate));
        // Every refusal (an unknown campaign, another organisation's) must come before the 200 is sent.
        campaigns.get(org, campaignId);
        response.setStatus(200);
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"campaign-" + campaignId + "-report.csv\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try (OutputStream out = response.getOutputStream()) {
            campaigns.report(org, campaignId, range, out);
        }
    }

    @ExceptionHandler(CampaignException.class)
    ResponseEntity<byte[]> campaignFailure(CampaignException e, HttpServletResponse response) {
        if (response.isCommitted()) {
            // A report cut off after its first bytes: the status is gone, only the connection can say so.
            log.warn("campaign report failed after the response began: {}", e.getMessage());
            return null;
        }
        return JsonReplies.error(e.code().httpStatus(), e.code().name(), e.getMessage(), e.fieldErrors());
    }

    @ExceptionHandler(RequestRefused.class)
    ResponseEntity<byte[]> refused(RequestRefused e) {
        return JsonReplies.error(e.status(), e.code(), e.getMessage(), java.util.List.of());
    }

    private String organisation(HttpServletRequest request) {
        return organisations.organisation(request)
                .orElseThrow(() -> new RequestRefused(401, "UNAUTHORIZED",
                        "the request names no organisation the application recognises"));
    }

    private <T> T body(HttpServletRequest request, Class<T> type) throws IOException {
        byte[] body = RequestValues.body(request, maxJsonBytes);
        if (body.length == 0) {
            throw new CampaignException(ErrorCode.MALFORMED_REQUEST, "the request body must be a JSON object,"
                    + " was empty");
        }
        return CampaignJson.read(new java.io.ByteArrayInputStream(body), type);
    }
}
