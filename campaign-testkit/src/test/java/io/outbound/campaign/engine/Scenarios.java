package io.outbound.campaign.engine;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.RetryConfig;
import io.outbound.campaign.testkit.CampaignTestKit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small builders shared by the engine's scenario tests. */
final class Scenarios {
    static final String ORG = "org-1";

    private Scenarios() {
    }

    /** Valid US numbers +1 415 555 xxxx. */
    static List<String> numbers(int count) {
        return numbers(count, 0);
    }

    static List<String> numbers(int count, int offset) {
        return IntStream.range(offset, offset + count).mapToObj(i -> String.format("+1415555%04d", i)).toList();
    }

    /** A CSV with {@code phone_number,name} rows for the numbers. */
    static String csv(List<String> numbers) {
        return "phone_number,name\n" + IntStream.range(0, numbers.size())
                .mapToObj(i -> numbers.get(i) + ",Contact " + i).collect(Collectors.joining("\n")) + "\n";
    }

    /** Uploads the numbers and creates a draft campaign. */
    static Campaign draft(CampaignTestKit kit, String org, List<String> numbers, int maxConcurrency,
                          RetryConfig retry) {
        String key = "uploads/" + org + "/" + System.nanoTime() + ".csv";
        kit.putCsv(key, csv(numbers));
        return kit.campaigns().create(org, CreateCampaignRequest.of("Scenario", 247, key, maxConcurrency)
                .withRetryConfig(retry));
    }

    /** Uploads, creates and starts. */
    static Campaign started(CampaignTestKit kit, String org, List<String> numbers, int maxConcurrency,
                            RetryConfig retry) {
        Campaign campaign = draft(kit, org, numbers, maxConcurrency, retry);
        return kit.campaigns().start(org, campaign.id());
    }
}
