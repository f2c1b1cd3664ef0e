package io.outbound.campaign.boot.web;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What the endpoints beside {@link CampaignController} share with it: the organisation of a request, bounded JSON
 * bodies read with {@link CampaignJson}, and the one error shape ({@code {"code", "message", "errors"}} with the
 * status of the {@link ErrorCode}, 401 without an organisation, 413 for a body over
 * {@code campaign.web.max-json-size}).
 */
abstract class OrganisationEndpoints {
    private static final Logger log = LoggerFactory.getLogger(OrganisationEndpoints.class);
    private final CampaignOrganisationResolver organisations;
    private final long maxJsonBytes;

    OrganisationEndpoints(CampaignOrganisationResolver organisations, long maxJsonBytes) {
        this.organisations = organisations;
        this.maxJsonBytes = maxJsonBytes;
    }

    @ExceptionHandler(CampaignException.class)
    ResponseEntity<byte[]> campaignFailure(CampaignException e, HttpServletResponse response) {
        if (response.isCommitted()) {
            // A download cut off after its first bytes: the status is gone, only the connection can say so.
            log.warn("a response failed after it began: {}", e.getMessage());
            return null;
        }
        return JsonReplies.error(e.code().httpStatus(), e.code().name(), e.getMessage(), e.fieldErrors());
    }

    @ExceptionHandler(RequestRefused.class)
    ResponseEntity<byte[]> refused(RequestRefused e) {
        return JsonReplies.error(e.status(), e.code(), e.getMessage(), List.of());
    }

    /** The request's organisation, from the application's resolver. */
    final String organisation(HttpServletRequest request) {
        return organisations.organisation(request)
                .orElseThrow(() -> new RequestRefused(401, "UNAUTHORIZED",
                        "the request names no organisation the application recognises"));
    }

    /** The JSON body, at most {@code campaign.web.max-json-size}, read strictly. */
    final <T> T body(HttpServletRequest request, Class<T> type) throws IOException {
        byte[] body = optionalBody(request);
        if (body.length == 0) {
            throw new CampaignException(ErrorCode.MALFORMED_REQUEST, "the request body must be a JSON object,"
                    + " was empty");
        }
        return CampaignJson.read(new ByteArrayInputStream(body), type);
    }

    /** The raw body, possibly empty, at most {@code campaign.web.max-json-size}. */
    final byte[] optionalBody(HttpServletRequest request) throws IOException {
        return RequestValues.body(request, maxJsonBytes);
    }
}
