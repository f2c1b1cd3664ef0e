package io.outbound.campaign.samples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.LocalFileStore;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the host answers when the service behind it fails rather than refuses. */
class ServiceFailureOverHttpTest {
    private static final String KEY = "a-key-long-enough-for-the-host";

    @TempDir
    Path dir;

    @Test
    void anUnavailableStoreIsServiceUnavailableWithTheStableCode() throws Exception {
        JsonNode error = getCampaignFrom(() -> CampaignException.storeUnavailable("reading campaign 1",
                new SQLException("connection refused")), 503);
        assertThat(error.get("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(error.get("message").asText()).contains("connection refused");
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorThatRevealsNothingOfTheServer() throws Exception {
        JsonNode error = getCampaignFrom(() -> new IllegalStateException("secret internal detail"), 500);
        assertThat(error.get("code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.toString()).doesNotContain("secret internal detail");
    }

    private JsonNode getCampaignFrom(Supplier<RuntimeException> failure, int status) throws Exception {
        CampaignService failing = (CampaignService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{CampaignService.class}, (proxy, method, args) -> {
                    throw failure.get();
                });
        ServerSocketChannel listener = CampaignHttpHost.bind(new InetSocketAddress("127.0.0.1", 0));
        try (CampaignHttpHost host = CampaignHttpHost.builder(listener, failing, LocalFileStore.of(dir),
                ApiKeys.of(Map.of(KEY, "org"))).build().start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(host.baseUrl().resolve("/campaign/1"))
                            .header("Authorization", "Bearer " + KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(HttpReplies.JSON);
            return new ObjectMapper().readTree(response.body());
        }
    }
}
