package io.outbound.campaign.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

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
        List<String> picked = new ArrayList<>(Math.max(0, Math.min(wanted, 1024)));
        if (n == 0 || wanted <= 0) {
            return picked;
        }
        int start = (int) Math.floorMod(rotation, (long) n);
        if (maxCallsPerNumber == 1) {
            // Every free number has one place: the free ones in rotated order, stopping once enough are found.
            for (int i = 0; i < n && picked.size() < wanted; i++) {
                String number = numbers.get((start + i) % n);
                if (held.getOrDefault(number, 0) < 1) {
                    picked.add(number);
                }
            }
            return picked;
        }
        // Most free places first, ties in rotated order: a heap of (free places, rotated position).
        PriorityQueue<int[]> byFreePlaces = new PriorityQueue<>(n,
                (a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0]) : Integer.compare(a[1], b[1]));
        for (int i = 0; i < n; i++) {
            int free = maxCallsPerNumber - held.getOrDefault(numbers.get((start + i) % n), 0);
            if (free > 0) {
                byFreePlaces.add(new int[] {free, i});
            }
        }
        while (picked.size() < wanted && !byFreePlaces.isEmpty()) {
            int[] best = byFreePlaces.poll();
            picked.add(numbers.get((start + best[1]) % n));
            if (--best[0] > 0) {
                byFreePlaces.add(best);
            }
        }
        return picked;
    }
}
