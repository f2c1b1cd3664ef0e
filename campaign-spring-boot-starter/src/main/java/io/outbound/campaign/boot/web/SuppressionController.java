package io.outbound.campaign.boot.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.PhoneNumbers;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.Suppressions;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation's suppression list ({@link Suppressions}), scoped to the resolver's organisation, at the paths of
 * the sample host:
 *
 * <ul>
 *   <li>{@code POST /suppressions} {@code {"phone_number": "+14155550100", "reason": "asked by email"}}: adds the
 *       number ({@code 201}; {@code 200} with the existing entry when it was already on the list);</li>
 *   <li>{@code POST /suppressions/import} {@code {"file_key": "orgs/…/optouts.csv"}}: adds every number of an
 *       uploaded CSV ({@code phone_number} and an optional {@code reason} column) and answers the import summary;</li>
 *   <li>{@code GET /suppressions?page=&limit=}: one page of the list, by number;</li>
 *   <li>{@code GET /suppressions/{phone_number}}: the number's entry, or {@code 404};</li>
 *   <li>{@code DELETE /suppressions/{phone_number}}: takes it off ({@code 204}), or {@code 404}.</li>
 * </ul>
 *
 * <p>In a path the number's {@code +} may be written as is or as {@code %2B}, and nothing else is escaped.
 */
@RestController
public class SuppressionController extends OrganisationEndpoints {
    private static final String PREFIX = "/suppressions";

    private final Suppressions suppressions;

    /**
     * @param suppressions  the engine's suppression lists
     * @param organisations the organisation of each request
     * @param maxJsonBytes  the largest JSON body read
     */
    public SuppressionController(Suppressions suppressions, CampaignOrganisationResolver organisations,
                                 long maxJsonBytes) {
        super(organisations, maxJsonBytes);
        this.suppressions = suppressions;
    }

    /** The body of {@code POST /suppressions}. */
    record AddRequest(@JsonProperty("phone_number") String phoneNumber, @JsonProperty("reason") String reason) {
    }

    /** The body of {@code POST /suppressions/import}. */
    record ImportRequest(@JsonProperty("file_key") String fileKey) {
    }

    @GetMapping({PREFIX, PREFIX + "/"})
    ResponseEntity<byte[]> list(HttpServletRequest request, @RequestParam(name = "page", required = false) String page,
                                @RequestParam(name = "limit", required = false) String limit) {
        String org = organisation(request);
        Integer[] paging = RequestValues.integers(new String[] {"page", "limit"}, page, limit);
        return JsonReplies.ok(suppressions.list(org, PageRequest.of(paging[0], paging[1])));
    }

    @PostMapping({PREFIX, PREFIX + "/"})
    ResponseEntity<byte[]> add(HttpServletRequest request) throws IOException {
        String org = organisation(request);
        AddRequest add = body(request, AddRequest.class);
        boolean existed = add.phoneNumber() != null && suppressions.contains(org, add.phoneNumber());
        Suppression entry = suppressions.add(org, add.phoneNumber(), add.reason());
        return existed ? JsonReplies.ok(entry) : JsonReplies.status(201, entry);
    }

    @PostMapping(PREFIX + "/import")
    ResponseEntity<byte[]> importFile(HttpServletRequest request) throws IOException {
        String org = organisation(request);
        String key = body(request, ImportRequest.class).fileKey();
        if (key == null) {
            throw CampaignException.validation("file_key", null, "is required: a key returned by"
                    + " POST /files/upload-url (starting with '" + OrganisationFiles.folder(org) + "')");
        }
        OrganisationFiles.checkReadable("file_key", key, org);
        return JsonReplies.ok(suppressions.importFile(org, key));
    }

    /** Only {@code POST} imports; without this, a {@code GET} would read {@code import} as a phone number. */
    @RequestMapping(path = PREFIX + "/import", method = {RequestMethod.GET, RequestMethod.DELETE})
    ResponseEntity<byte[]> importOtherwise(HttpServletRequest request) {
        return JsonReplies.methodNotAllowed(request.getMethod(), PREFIX + "/import", "POST");
    }

    @GetMapping(PREFIX + "/{phone_number}")
    ResponseEntity<byte[]> find(HttpServletRequest request) {
        String org = organisation(request);
        String number = phoneNumber(request);
        return JsonReplies.ok(suppressions.find(org, number).orElseThrow(() -> notOnList(number)));
    }

    @DeleteMapping(PREFIX + "/{phone_number}")
    ResponseEntity<byte[]> remove(HttpServletRequest request) {
        String org = organisation(request);
        String number = phoneNumber(request);
        if (!suppressions.remove(org, number)) {
            throw notOnList(number);
        }
        return ResponseEntity.noContent().build();
    }

    /** The number the raw path's last segment names ({@link PhoneNumbers#fromPathSegment}), as in the sample host. */
    private static String phoneNumber(HttpServletRequest request) {
        String path = request.getRequestURI();
        return PhoneNumbers.fromPathSegment(path.substring(path.lastIndexOf('/') + 1));
    }

    private static CampaignException notOnList(String number) {
        return new CampaignException(ErrorCode.NOT_FOUND, "phone number " + number
                + " is not on the organisation's suppression list");
    }
}
