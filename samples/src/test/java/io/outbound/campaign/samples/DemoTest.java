package io.outbound.campaign.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @TempDir
    Path dir;

    @Test
    void theDemoRunsAGivenContactFileToCompletionAndWritesTheReport() throws Exception {
        String csv = DemoContacts.csv(30) + "not-a-number,Bad Row,Nowhere,none\n" + DemoContacts.csv(1).lines()
                .skip(1).findFirst().orElseThrow() + "\n";
        Path contacts = Files.writeString(dir.resolve("contacts.csv"), csv);
        Path report = dir.resolve("report.csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        CampaignProgress progress = new Demo(dir.resolve("work"), report, out, false).run(contacts);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(progress.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(progress.totalContacts()).isEqualTo(30);
        assertThat(progress.completed() + progress.failed()).isEqualTo(30);
        assertThat(text).contains("Imported 30 contacts (32 rows, 1 rejected, 1 duplicates).")
                .contains("line 32: not-a-number")
                .contains("\"status\" : \"completed\"")
                .doesNotContain("\r");
        assertThat(text.lines().filter(line -> line.startsWith("[")).reduce((a, b) -> b))
                .hasValueSatisfying(last -> assertThat(last).contains("100%").endsWith("(completed)"));
        List<String> rows = Files.readAllLines(report);
        assertThat(rows.get(0)).startsWith("session_id,phone_number,name,company,notes,attempt,outcome");
        assertThat(rows.size() - 1).as("a row per call session, retries included").isGreaterThanOrEqualTo(30);
        assertThat(text).contains("Wrote " + report.toAbsolutePath() + ": " + (rows.size() - 1) + " call sessions.");
    }
}
