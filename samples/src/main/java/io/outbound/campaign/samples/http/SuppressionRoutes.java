package io.outbound.campaign.samples.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.PhoneNumbers;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.Suppressions;
import java.io.IOException;

/**
 * The organisation's suppression list over HTTP, scoped to the caller's organisation by its API key:
 *
 * <ul>
 *   <li>{@code POST /suppressions} {@code {"phone_number": "+14155550100", "reason": "asked by email"}}: adds the
 *       number ({@code 201}; {@code 200} with the existing entry when it was already on the list);</li>
 *   <li>{@code POST /suppressions/import} {@code {"file_key": "orgs/…/optouts.csv"}}: adds every number of an
 *       uploaded CSV ({@code phone_number} and optional {@code reason} columns) and answers the import summary;</li>
 *   <li>{@code GET /suppressions?page=&limit=}: one page of the list, by number;</li>
 *   <li>{@code GET /suppressions/{phone_number}}: the number's entry, or {@code 404};</li>
 *   <li>{@code DELETE /suppressions/{phone_number}}: takes it off ({@code 204}), or {@code 404}.</li>
 * </ul>
 *
 * <p>In a path the number's {@code +} may be written as is or as {@code %2B}.
 */
final class SuppressionRoutes implements HttpHandler {
    private static final String PREFIX = "/suppressions";

    private final Suppressions suppressions;
    private final ApiKeys keys;
    private final long maxJsonBytes;

    SuppressionRoutes(Suppressions suppressions, ApiKeys keys, long maxJsonBytes) {
        this.suppressions = suppressions;
        this.keys = keys;
        this.maxJsonBytes = maxJsonBytes;
    }

    /** The body of {@code POST /suppressions}. */
    record AddRequest(@JsonProperty("phone_number") String phoneNumber, @JsonProperty("reason") String reason) {
    }

    /** The body of {@code POST /suppressions/import}. */
    record ImportRequest(@JsonProperty("file_key") String fileKey) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            HttpFailure.allow(method, path, "GET, POST");
            String org = keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (method.equals("GET")) {
                Integer[] paging = QueryString.parse(exchange.getRequestURI().getRawQuery()).integers("page", "limit");
                HttpReplies.json(exchange, 200, suppressions.list(org, PageRequest.of(paging[0], paging[1])));
                return;
            }
            AddRequest add = RequestBody.readJson(exchange, maxJsonBytes, AddRequest.class);
            boolean existed = add.phoneNumber() != null && suppressions.contains(org, add.phoneNumber());
            Suppression entry = suppressions.add(org, add.phoneNumber(), add.reason());
            HttpReplies.json(exchange, existed ? 200 : 201, entry);
            return;
        }
        if (!path.startsWith(PREFIX + "/") || path.indexOf('/', PREFIX.length() + 1) >= 0) {
            throw HttpFailure.noRoute(method, path);
        }
        String segment = path.substring(PREFIX.length() + 1);
        if (segment.equals("import")) {
            HttpFailure.allow(method, path, "POST");
            String org = keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            ImportRequest request = RequestBody.readJson(exchange, maxJsonBytes, ImportRequest.class);
            String key = request.fileKey();
            if (key == null || !key.startsWith(FileRoutes.organisationPrefix(org))) {
                throw CampaignException.validation("file_key", key,
                        "must be a key returned by POST /files/upload-url for this organisation (starting with '"
                                + FileRoutes.organisationPrefix(org) + "')");
            }
            HttpReplies.json(exchange, 200, suppressions.importFile(org, key));
            return;
        }
        HttpFailure.allow(method, path, "GET, DELETE");
        String org = keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        String number = PhoneNumbers.fromPathSegment(segment);
        if (method.equals("GET")) {
            HttpReplies.json(exchange, 200, suppressions.find(org, number).orElseThrow(() -> notOnList(number)));
        } else if (suppressions.remove(org, number)) {
            HttpReplies.bytes(exchange, 204, "application/json", new byte[0]);
        } else {
            throw notOnList(number);
        }
    }

    private static CampaignException notOnList(String number) {
        return new CampaignException(ErrorCode.NOT_FOUND, "phone number " + number
                + " is not on the organisation's suppression list");
    }


}
