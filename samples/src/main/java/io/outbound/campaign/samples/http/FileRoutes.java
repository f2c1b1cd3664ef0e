package io.outbound.campaign.samples.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.LocalFileStore;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.spi.FileKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.UUID;

/**
 * Contact files over HTTP, the way a client uses S3: {@code POST /files/upload-url} (with an API key) hands out
 * a presigned {@code PUT} URL, the client uploads the CSV to it, and campaigns name the returned key. Presigned
 * {@code GET} URLs (a campaign's source download) are served here too. A presigned request carries no API key:
 * the signature, checked with {@link LocalFileStore#verify}, is the authority.
 *
 * <p>Every organisation's uploads live under {@code orgs/<organisation>/}, and the host only accepts such keys
 * in that organisation's campaigns, so one tenant cannot import another's file.
 */
final class FileRoutes implements HttpHandler {
    /** How long an upload URL stays valid. */
    static final Duration UPLOAD_URL_TTL = Duration.ofMinutes(15);
    private static final String PREFIX = "/files/";
    private static final String UPLOAD_URL = "/files/upload-url";

    private final LocalFileStore files;
    private final ApiKeys keys;
    private final long maxJsonBytes;
    private final long maxUploadBytes;

    FileRoutes(LocalFileStore files, ApiKeys keys, long maxJsonBytes, long maxUploadBytes) {
        this.files = files;
        this.keys = keys;
        this.maxJsonBytes = maxJsonBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Where an organisation's uploads live. */
    static String organisationPrefix(String org) {
        return "orgs/" + org + "/";
    }

    /**
     * The body of {@code POST /files/upload-url}.
     *
     * @param key the file's name within the organisation's folder, e.g. {@code june/contacts.csv}; a fresh name
     *            when absent
     */
    record UploadUrlRequest(@JsonProperty("key") String key) {
    }

    /**
     * The answer of {@code POST /files/upload-url}.
     *
     * @param key       the full key: give it as {@code contacts_file_key} when creating the campaign
     * @param url       where to {@code PUT} the file
     * @param method    {@code PUT}
     * @param expiresAt when the URL stops working, ISO 8601
     */
    @JsonPropertyOrder({"key", "url", "method", "expires_at"})
    record UploadUrl(@JsonProperty("key") String key, @JsonProperty("url") String url,
                     @JsonProperty("method") String method, @JsonProperty("expires_at") String expiresAt) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.equals(UPLOAD_URL)) {
            if (!method.equals("POST")) {
                throw HttpFailure.methodNotAllowed(method, path, "POST");
            }
            uploadUrl(exchange, keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization")));
        } else if (path.startsWith(PREFIX) && path.length() > PREFIX.length()) {
            String key = path.substring(PREFIX.length());
            switch (method) {
                case "PUT" -> upload(exchange, key);
                case "GET" -> download(exchange, key);
                default -> throw HttpFailure.methodNotAllowed(method, path, "GET, PUT");
            }
        } else {
            throw HttpFailure.noRoute(method, path);
        }
    }

    private void uploadUrl(HttpExchange exchange, String org) throws IOException {
        byte[] body = RequestBody.read(exchange, maxJsonBytes, "a JSON request body");
        String name = body.length == 0 ? null
                : CampaignJson.read(new ByteArrayInputStream(body), UploadUrlRequest.class).key();
        if (name == null) {
            name = "uploads/" + UUID.randomUUID() + ".csv";
        }
        String key = organisationPrefix(org) + FileKeys.validate("key", name);
        PresignedUrl url = files.presignUpload(key, UPLOAD_URL_TTL);
        HttpReplies.json(exchange, 200, new UploadUrl(key, url.url().toString(), url.method(),
                url.expiresAt().toString()));
    }

    private void upload(HttpExchange exchange, String key) throws IOException {
        verify(exchange, "PUT", key);
        RequestBody.rejectDeclaredLength(exchange, maxUploadBytes, "an uploaded file");
        if (!files.put(key, exchange.getRequestBody(), maxUploadBytes)) {
            RequestBody.drain(exchange.getRequestBody());
            throw HttpFailure.tooLarge("an uploaded file", maxUploadBytes);
        }
        HttpReplies.json(exchange, 200, new UploadUrlRequest(key));
    }

    private void download(HttpExchange exchange, String key) throws IOException {
        verify(exchange, "GET", key);
        try (InputStream in = files.open(key)) {
            HttpReplies.header(exchange, "Content-Type",
                    key.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/octet-stream");
            HttpReplies.header(exchange, "Content-Disposition",
                    ContentDisposition.attachment(key.substring(key.lastIndexOf('/') + 1)));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private void verify(HttpExchange exchange, String method, String key) {
        QueryString query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        long expires;
        try {
            expires = Long.parseLong(String.valueOf(query.text("expires")));
        } catch (NumberFormatException e) {
            throw HttpFailure.forbidden("the URL is not a presigned URL: expires is missing or not a number");
        }
        if (!method.equals(query.text("method")) || !files.verify(method, key, expires, query.text("signature"))) {
            throw HttpFailure.forbidden("the presigned URL is not valid for " + method + " of this file,"
                    + " or has expired");
        }
    }
}
