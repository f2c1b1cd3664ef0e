package io.outbound.campaign.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator's dashboard: three static files read from this jar (no build step, no external network), for any
 * host to serve under a path of its choosing (the sample host at {@code /dashboard/}, the Spring Boot starter at
 * {@code campaign.dashboard.path}). The page calls the host's campaign endpoints ({@code /campaign}, {@code /files},
 * {@code /suppressions}) under {@link Settings#apiBase()}; every value it shows comes from them and is set as text,
 * never parsed as markup.
 *
 * <p>A host serves {@link #index(Settings)} for the folder itself and {@code index.html}, {@link #asset(String)} for
 * the other two names, and nothing else, with {@link #contentSecurityPolicy(String...)} and
 * {@code X-Content-Type-Options: nosniff}. The files hold no data: a host that authenticates its users puts the
 * dashboard's path behind the same authentication as the endpoints.
 */
public final class Dashboard {
    /** The file a folder request answers with. */
    public static final String INDEX = "index.html";
    private static final Map<String, String> TYPES = Map.of(
            INDEX, "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");
    private static final String MARKER = "<!--settings-->";
    private static final Pattern API_BASE = Pattern.compile("(/[A-Za-z0-9._~-]+)*");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern SOURCE = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Map<String, byte[]> FILES = read();

    private Dashboard() {
    }

    /** How the page signs its requests to the host. */
    public enum Authentication {
        /**
         * The page asks for the organisation's API key (or takes {@code ?key=}), keeps it in the tab's session
         * storage and sends it as {@code Authorization: Bearer}: the sample host's scheme.
         */
        API_KEY("api-key"),
        /**
         * The page sends nothing of its own: the host's session (its cookies, sent with same-origin requests)
         * identifies the user, and the host's CSRF header is added to every change when {@link Settings} carries it.
         */
        HOST("host");

        private final String value;

        Authentication(String value) {
            this.value = value;
        }
    }

    /**
     * What the host tells the page.
     *
     * @param authentication how requests are signed
     * @param apiBase        the path the campaign endpoints sit under: {@code ""} for the server's root, else
     *                       {@code /segment[/segment...]} (a servlet context path, for instance)
     * @param csrfHeader     with {@link Authentication#HOST}, the header carrying the CSRF token on changes, or null
     * @param csrfToken      the token for that header, or null
     */
    public record Settings(Authentication authentication, String apiBase, String csrfHeader, String csrfToken) {
        /**
         * @throws IllegalArgumentException naming the field and value when the base is not a plain path, the header
         *                                  is not a header name or only one of header and token is given
         */
        public Settings {
            Objects.requireNonNull(authentication, "authentication");
            Objects.requireNonNull(apiBase, "apiBase");
            if (!API_BASE.matcher(apiBase).matches()) {
                throw new IllegalArgumentException("apiBase must be empty or /segment[/segment...] of letters, digits"
                        + " and ._~-, without a trailing slash: '" + apiBase + "'");
            }
            if ((csrfHeader == null) != (csrfToken == null)) {
                throw new IllegalArgumentException("csrfHeader and csrfToken go together: header " + csrfHeader
                        + ", token " + (csrfToken == null ? "null" : "given"));
            }
            if (csrfHeader != null && !HEADER_NAME.matcher(csrfHeader).matches()) {
                throw new IllegalArgumentException("csrfHeader is not a header name: '" + csrfHeader + "'");
            }
            if (csrfToken != null && authentication != Authentication.HOST) {
                throw new IllegalArgumentException("a CSRF token is sent only with Authentication.HOST");
            }
        }

        /** The sample host's scheme: the page asks for an API key; endpoints under {@code apiBase}. */
        public static Settings apiKey(String apiBase) {
            return new Settings(Authentication.API_KEY, apiBase, null, null);
        }

        /** The host's own session signs the requests; endpoints under {@code apiBase}. */
        public static Settings host(String apiBase) {
            return new Settings(Authentication.HOST, apiBase, null, null);
        }

        /** These settings with the host's CSRF header and token added to every change. */
        public Settings withCsrf(String header, String token) {
            return new Settings(authentication, apiBase, header, token);
        }
    }

    /** A file of the dashboard with its content type. */
    public record Asset(String name, String contentType, byte[] bytes) {
        /** The file's bytes (a copy). */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * The page itself with these settings written into its {@code <meta>} tags (values escaped for an attribute).
     */
    public static Asset index(Settings settings) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("campaign-dashboard-auth", settings.authentication().value);
        meta.put("campaign-dashboard-api-base", settings.apiBase());
        if (settings.csrfHeader() != null) {
            meta.put("campaign-dashboard-csrf-header", settings.csrfHeader());
            meta.put("campaign-dashboard-csrf-token", settings.csrfToken());
        }
        StringBuilder tags = new StringBuilder();
        meta.forEach((name, value) -> tags.append("<meta name=\"").append(name).append("\" content=\"")
                .append(escape(value)).append("\">\n"));
        String page = new String(FILES.get(INDEX), StandardCharsets.UTF_8).replace(MARKER + "\n", tags);
        return new Asset(INDEX, TYPES.get(INDEX), page.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The script or the style sheet by its name ({@code dashboard.js}, {@code dashboard.css}); empty for any other
     * name, {@code index.html} included (that is {@link #index(Settings)}), so no request path reaches anything else.
     */
    public static Optional<Asset> asset(String name) {
        if (name == null || name.equals(INDEX) || !TYPES.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(new Asset(name, TYPES.get(name), FILES.get(name)));
    }

    /**
     * The {@code Content-Security-Policy} to send with every file: everything from the host only, no inline script
     * or style, no plugins, no framing, so a value that got into the page as markup still could not run.
     *
     * @param connectSources further origins the page may send requests to, such as the S3 endpoint that presigned
     *                       uploads go to ({@code https://bucket.s3.example.com}, {@code http://127.0.0.1:9000})
     * @throws IllegalArgumentException naming a source that is not {@code http(s)://host[:port]}
     */
    public static String contentSecurityPolicy(String... connectSources) {
        StringBuilder connect = new StringBuilder("'self'");
        for (String source : connectSources) {
            if (source == null || !SOURCE.matcher(source).matches()) {
                throw new IllegalArgumentException("connect source must be http(s)://host[:port]: '" + source + "'");
            }
            connect.append(' ').append(source);
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src " + connect
                + "; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, byte[]> read() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + name + " is missing from the dashboard's jar");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!new String(files.get(INDEX), StandardCharsets.UTF_8).contains(MARKER + "\n")) {
            throw new IllegalStateException(INDEX + " has lost its " + MARKER + " line");
        }
        return Map.copyOf(files);
    }
}
