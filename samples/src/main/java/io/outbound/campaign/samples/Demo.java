package io.outbound.campaign.samples;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignJson;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.RunsQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo [contacts.csv]}: runs one campaign end to end on the embedded stack (see {@link SampleBackend})
 * and a simulated provider in compressed real time, showing live progress, then prints the final progress
 * and writes {@code report.csv}.
 */
public final class Demo {
    /** How many contacts the demo makes up when no file is given. */
    public static final int GENERATED_CONTACTS = 1_000;
    private static final String ORG = "demo-org";
    private static final String CONTACTS_KEY = "demo/contacts.csv";
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final Path workDir;
    private final Path reportFile;
    private final PrintStream out;
    private final boolean terminal;

    /**
     * @param workDir    where the demo keeps its files
     * @param reportFile where the report CSV goes
     * @param out        where progress and results are printed
     * @param terminal   whether {@code out} is a terminal (progress redrawn in place)
     */
    public Demo(Path workDir, Path reportFile, PrintStream out, boolean terminal) {
        this.workDir = workDir;
        this.reportFile = reportFile;
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Runs the demo.
     *
     * @param contactsFile a contact CSV, or {@code null} to make up {@value #GENERATED_CONTACTS} contacts
     * @return the campaign's final progress
     */
    public CampaignProgress run(Path contactsFile) throws IOException, InterruptedException {
        long began = System.nanoTime();
        try (SampleBackend backend = SampleBackend.builder(workDir.resolve("files")).build().start()) {
            try (InputStream contacts = contactsFile == null ? DemoContacts.stream(GENERATED_CONTACTS)
                    : Files.newInputStream(contactsFile)) {
                backend.files().put(CONTACTS_KEY, contacts);
            }
            out.println(contactsFile == null ? "Generated " + GENERATED_CONTACTS + " demo contacts."
                    : "Contacts from " + contactsFile + ".");
            out.println("Campaigns: " + backend.storeDescription() + "; files: " + backend.files().root());
            CampaignService campaigns = backend.campaigns();
            Campaign campaign = campaigns.create(ORG, CreateCampaignRequest.of("Demo outreach", 1, CONTACTS_KEY, 25)
                    .withRetryConfig(new RetryConfig(true, 2, 1, true, true, true)));
            describeImport(campaign.importSummary());
            campaigns.start(ORG, campaign.id());
            out.println("Dialling through a simulated provider (60% completed, 15% no answer, 10% busy,"
                    + " 10% voicemail, 5% failed; retries after 1 s, at most 2):");
            CampaignProgress last = follow(campaigns, campaign.id());
            out.println("Final progress:");
            out.println(CampaignJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(last));
            describeOutcomes(campaigns, campaign.id());
            try (OutputStream report = Files.newOutputStream(reportFile)) {
                campaigns.report(ORG, campaign.id(), ReportQuery.all(), report);
            }
            long sessions = campaigns.runs(ORG, campaign.id(), new RunsQuery(1, 1, null, null, null)).total();
            out.printf(Locale.ROOT, "Wrote %s: %d call sessions. Took %.1f s.%n", reportFile.toAbsolutePath(),
                    sessions, (System.nanoTime() - began) / 1e9);
            return last;
        }
    }

    private CampaignProgress follow(CampaignService campaigns, long id) throws InterruptedException {
        ProgressBar bar = new ProgressBar(out, terminal, 1_000);
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        CampaignProgress progress = campaigns.progress(ORG, id);
        while (progress.status() == CampaignStatus.RUNNING && System.nanoTime() < deadline) {
            bar.show(progress, TimeUnit.NANOSECONDS.toMillis(System.nanoTime()), false);
            TimeUnit.MILLISECONDS.sleep(100);
            progress = campaigns.progress(ORG, id);
        }
        bar.show(progress, TimeUnit.NANOSECONDS.toMillis(System.nanoTime()), true);
        bar.finish();
        if (progress.status() != CampaignStatus.COMPLETED) {
            Campaign campaign = campaigns.get(ORG, id);
            out.println("The campaign stopped as " + campaign.status().json()
                    + (campaign.statusReason() == null ? "" : ": " + campaign.statusReason()));
        }
        return progress;
    }

    private void describeImport(ImportSummary summary) {
        if (summary == null) {
            return;
        }
        out.printf(Locale.ROOT, "Imported %d contacts (%d rows, %d rejected, %d duplicates).%n", summary.accepted(),
                summary.rows(), summary.rejected(), summary.duplicates());
        summary.errors().stream().limit(5).forEach(error -> out.println("  line " + error.line() + ": "
                + (error.value() == null ? "" : error.value() + ": ") + error.reason()));
    }

    private void describeOutcomes(CampaignService campaigns, long id) {
        StringJoiner outcomes = new StringJoiner(", ", "Call sessions by outcome: ", "");
        for (CallOutcome outcome : CallOutcome.values()) {
            String filter = "{\"outcome\":\"" + outcome.json() + "\"}";
            long count = campaigns.runs(ORG, id, new RunsQuery(1, 1, filter, null, null)).total();
            if (count > 0) {
                outcomes.add(outcome.json() + " " + count);
            }
        }
        out.println(outcomes);
    }
}
