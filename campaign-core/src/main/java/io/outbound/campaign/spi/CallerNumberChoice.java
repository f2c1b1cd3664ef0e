package io.outbound.campaign.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which caller numbers a claim gives its calls, the one rule every {@link CampaignStore} applies: each call
 * takes the number with the most free places (a number has {@code maxCallsPerNumber} places, less the calls
 * in flight holding it), ties broken by list order starting at {@code rotation} modulo the number count, so
 * that idle numbers take turns across claims.
 */
public final class CallerNumberChoice {
    private CallerNumberChoice() {
    }

    /**
     * Picks caller numbers for up to {@code wanted} calls.
     *
     * @param numbers           the configuration's numbers
     * @param held              calls in flight per number (numbers missing hold none)
     * @param maxCallsPerNumber places per number
     * @param rotation          where ties start, for example the campaign's count of sessions so far
     * @param wanted            the most numbers to pick
     * @return one number per call, fewer than {@code wanted} when the numbers are full
     */
    public static List<String> pick(List<String> numbers, Map<String, Integer> held, int maxCallsPerNumber,
                                    long rotation, int wanted) {
        int n = numbers.size();
        List<String> picked = new ArrayList<>(Math.min(wanted, n * Math.max(1, maxCallsPerNumber)));
        if (n == 0 || wanted <= 0) {
            return picked;
        }
        int[] free = new int[n];
        int start = (int) Math.floorMod(rotation, (long) n);
        for (int i = 0; i < n; i++) {
            String number = numbers.get((start + i) % n);
            free[i] = Math.max(0, maxCallsPerNumber - held.getOrDefault(number, 0));
        }
        while (picked.size() < wanted) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (free[i] > 0 && (best < 0 || free[i] > free[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            free[best]--;
            picked.add(numbers.get((start + best) % n));
        }
        return picked;
    }
}
