package io.outbound.campaign.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void theShareDoneCountsContactsCompletedOrFailedForGood() {
        CampaignProgress progress = CampaignProgress.of(CampaignStatus.RUNNING, 50, 10, 15, 20, 5, 20);
        assertThat(ProgressBar.percentDone(progress)).isEqualTo(25);
        assertThat(ProgressBar.line(progress)).startsWith("[#######.......................]  25%")
                .contains("dialled 50/100", "completed 20", "failed 5", "in progress 10", "retry scheduled 15",
                        "(running)");
        assertThat(ProgressBar.percentDone(CampaignProgress.of(CampaignStatus.COMPLETED, 0, 0, 0, 0, 0, 0)))
                .isEqualTo(100);
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndPaddedOverALongerOne() {
        ProgressBar bar = new ProgressBar(out, true, 1_000);
        bar.show(CampaignProgress.of(CampaignStatus.RUNNING, 0, 25, 100, 0, 0, 0), 0, false);
        bar.show(CampaignProgress.of(CampaignStatus.COMPLETED, 0, 0, 0, 125, 0, 125), 1, false);
        bar.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\r[").doesNotContain("\n" + "[").endsWith("\n");
        String[] frames = text.split("\r");
        assertThat(frames).hasSize(3);
        assertThat(frames[2].stripTrailing()).endsWith("(completed)");
        assertThat(frames[2].length() - 1).isGreaterThanOrEqualTo(frames[1].length());
    }

    @Test
    void elsewhereAPlainLineIsWrittenAtMostOncePerIntervalAndTheLastOneAlways() {
        ProgressBar bar = new ProgressBar(out, false, 1_000);
        CampaignProgress running = CampaignProgress.of(CampaignStatus.RUNNING, 10, 0, 0, 0, 0, 0);
        for (long now = 0; now < 3_000; now += 100) {
            bar.show(running, now, false);
        }
        bar.show(CampaignProgress.of(CampaignStatus.COMPLETED, 0, 0, 0, 10, 0, 10), 3_050, true);
        bar.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        assertThat(text.lines()).hasSize(4);
        assertThat(text.lines().reduce((a, b) -> b)).hasValueSatisfying(last -> assertThat(last).contains("100%"));
    }
}
