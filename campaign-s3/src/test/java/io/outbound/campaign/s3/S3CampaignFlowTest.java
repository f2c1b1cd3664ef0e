package io.outbound.campaign.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole flow a host runs on S3: presigned upload, a campaign from that key, the source download. */
class S3CampaignFlowTest {

    @RegisterExtension
    static final S3ProxyServer S3 = S3ProxyServer.inMemory();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONTACTS = """
            phone_number,first_name,company
            +14155552671,Jane,"Acme, Inc."
            +14155552672,Bob,Widget Inc
            +1 415 555 2673,Bad,Number
            """;

    private final S3FileStore store = S3.storeBuilder(S3.newBucket()).keyPrefix("tenant-a/").build();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aCsvUploadedThroughAPresignedPutRunsAsACampaignAndDownloadsUnchanged() throws Exception {
        byte[] csv = CONTACTS.getBytes(StandardCharsets.UTF_8);
        PresignedUrl upload = store.presignUpload("campaigns/abc123/contacts.csv", Duration.ofMinutes(15));
        HttpRequest.Builder request = HttpRequest.newBuilder(upload.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(csv));
        upload.headers().forEach(request::header);
        HttpResponse<String> put = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        CampaignTestKit kit = CampaignTestKit.builder().files(store).build();

        Campaign campaign = kit.campaigns().create("org-1",
                CreateCampaignRequest.of("S3 outreach", 247, "campaigns/abc123/contacts.csv", 2));
        kit.campaigns().start("org-1", campaign.id());
        kit.runUntilIdle();

        assertThat(campaign.importSummary().accepted()).isEqualTo(2);
        assertThat(campaign.importSummary().rejected()).isEqualTo(1);
        assertThat(kit.campaigns().progress("org-1", campaign.id()))
                .isEqualTo(new CampaignProgress(2, 2, 2, 2, 0, 0, 0, CampaignStatus.COMPLETED, 0));
        assertThat(kit.telephony().dials().get(0).request().initialContext())
                .containsEntry("company", "Acme, Inc.");

        PresignedUrl source = kit.campaigns().sourceDownloadUrl("org-1", campaign.id());
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(source.url()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(csv);
        assertThat(source.expiresAt()).isBetween(java.time.Instant.now().plus(Duration.ofMinutes(14)),
                java.time.Instant.now().plus(Duration.ofMinutes(16)));
    }

    @Test
    void aKeyWithNoObjectIsRejectedAtCreateNamingTheKey() {
        CampaignTestKit kit = CampaignTestKit.builder().files(store).build();

        assertThatThrownBy(() -> kit.campaigns().create("org-1",
                CreateCampaignRequest.of("missing", 247, "campaigns/nothing/contacts.csv", 1)))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONTACTS_REJECTED);
                    assertThat(e.getMessage()).contains("campaigns/nothing/contacts.csv");
                });
    }
}
