package io.outbound.campaign.boot.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.spi.FileKeys;
import io.outbound.campaign.spi.FileStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contacts files the way a client uses S3, at the paths of the sample host: {@code POST /files/upload-url}
 * ({@code {"key": "june/contacts.csv"}}, or no body for a fresh name) hands out a presigned {@code PUT} URL from the
 * {@link FileStore} for a key in the organisation's folder {@code orgs/<organisation>/}; the client uploads the file
 * there and names the returned key as a campaign's {@code contacts_file_key} or a suppression import's
 * {@code file_key}.
 *
 * <p>With S3 the URL is the bucket's. With a {@link LocalFileStore} it points back at this application
 * ({@code campaign.files.local.base-url}), and this controller serves it too: {@code PUT /files/{key}} stores the
 * upload (once: a key that holds a file is {@code 409 FILE_EXISTS}) and {@code GET /files/{key}} serves a presigned
 * download (a campaign's source). Those two requests carry no session: the URL's signature, checked with
 * {@link LocalFileStore#verify}, is their authority ({@code 403} when it is wrong or has expired), so the
 * application's security lets them through and exempts the upload from its CSRF check. With any other store they
 * answer {@code 404}.
 */
@RestController
public class FileController extends OrganisationEndpoints {
    private static final String PREFIX = "/files/";

    private final FileStore files;
    private final Duration uploadUrlTtl;
    private final long maxUploadBytes;

    /**
     * @param files          the engine's file store
     * @param organisations  the organisation of each request
     * @param maxJsonBytes   the largest JSON body read
     * @param uploadUrlTtl   how long an upload URL stays valid
     * @param maxUploadBytes the largest file a presigned {@code PUT} stores here (larger is {@code 413})
     */
    public FileController(FileStore files, CampaignOrganisationResolver organisations, long maxJsonBytes,
                          Duration uploadUrlTtl, long maxUploadBytes) {
        super(organisations, maxJsonBytes);
        this.files = files;
        this.uploadUrlTtl = uploadUrlTtl;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The body of {@code POST /files/upload-url}: the file's name within the organisation's folder. */
    record UploadUrlRequest(@JsonProperty("key") String key) {
    }

    /**
     * The answer of {@code POST /files/upload-url}.
     *
     * @param key       the full key, to give as {@code contacts_file_key} or {@code file_key}
     * @param url       where to {@code PUT} the file
     * @param method    {@code PUT}
     * @param expiresAt when the URL stops working, ISO 8601
     * @param headers   headers the upload must carry (S3's {@code If-None-Match: *}); left out when none
     */
    @JsonPropertyOrder({"key", "url", "method", "expires_at", "headers"})
    record UploadUrl(@JsonProperty("key") String key, @JsonProperty("url") String url,
                     @JsonProperty("method") String method, @JsonProperty("expires_at") String expiresAt,
                     @JsonProperty("headers") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers) {
    }

    /** The answer of a stored upload. */
    record Uploaded(@JsonProperty("key") String key) {
    }

    @PostMapping(PREFIX + "upload-url")
    ResponseEntity<byte[]> uploadUrl(HttpServletRequest request) throws IOException {
        String org = organisation(request);
        byte[] body = optionalBody(request);
        String name = body.length == 0 ? null
                : CampaignJson.read(new ByteArrayInputStream(body), UploadUrlRequest.class).key();
        if (name == null) {
            name = "uploads/" + UUID.randomUUID() + ".csv";
        }
        String key = OrganisationFiles.folder(org) + FileKeys.validate("key", name);
        PresignedUrl url = files.presignUpload(key, uploadUrlTtl);
        return JsonReplies.ok(new UploadUrl(key, url.url().toString(), url.method(), url.expiresAt().toString(),
                url.headers()));
    }

    @PutMapping(PREFIX + "{*key}")
    ResponseEntity<byte[]> upload(HttpServletRequest request, @PathVariable("key") String path,
                                  @RequestParam(name = "method", required = false) String method,
                                  @RequestParam(name = "expires", required = false) String expires,
                                  @RequestParam(name = "signature", required = false) String signature)
            throws IOException {
        String key = key(path);
        LocalFileStore local = verified("PUT", key, method, expires, signature);
        if (request.getContentLengthLong() > maxUploadBytes) {
            throw tooLarge();
        }
        if (!local.put(key, request.getInputStream(), maxUploadBytes)) {
            throw tooLarge();
        }
        return JsonReplies.ok(new Uploaded(key));
    }

    @GetMapping(PREFIX + "{*key}")
    void download(HttpServletResponse response, @PathVariable("key") String path,
                  @RequestParam(name = "method", required = false) String method,
                  @RequestParam(name = "expires", required = false) String expires,
                  @RequestParam(name = "signature", required = false) String signature) throws IOException {
        String key = key(path);
        LocalFileStore local = verified("GET", key, method, expires, signature);
        try (InputStream in = local.open(key)) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            response.setStatus(200);
            response.setContentType(key.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/octet-stream");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(name));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            try (OutputStream out = response.getOutputStream()) {
                in.transferTo(out);
            }
        }
    }

    /** {@code {*key}} captures the rest of the path, decoded, with its leading {@code /}. */
    private static String key(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private LocalFileStore verified(String expected, String key, String method, String expires, String signature) {
        if (!(files instanceof LocalFileStore local)) {
            throw new CampaignException(ErrorCode.NOT_FOUND, "files are not served here: the file store's"
                    + " presigned URLs point at the store itself");
        }
        long expiry;
        try {
            expiry = Long.parseLong(String.valueOf(expires));
        } catch (NumberFormatException e) {
            throw new RequestRefused(403, "FORBIDDEN",
                    "the URL is not a presigned URL: expires is missing or not a number");
        }
        if (!expected.equals(method) || !local.verify(expected, key, expiry, signature)) {
            throw new RequestRefused(403, "FORBIDDEN", "the presigned URL is not valid for " + expected
                    + " of this file, or has expired");
        }
        return local;
    }

    /** The exact name as RFC 6266 {@code filename*}, and plainly when it is printable ASCII without quotes. */
    private static String attachment(String name) {
        boolean plain = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%');
        ContentDisposition.Builder disposition = ContentDisposition.attachment();
        return (plain ? disposition.filename(name) : disposition.filename(name, StandardCharsets.UTF_8))
                .build().toString();
    }

    private RequestRefused tooLarge() {
        return new RequestRefused(413, "PAYLOAD_TOO_LARGE", "an uploaded file must be at most " + maxUploadBytes
                + " bytes (campaign.import-limits.max-file-size)");
    }
}
