package io.outbound.campaign.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Which caller numbers a claim gives its calls: most free places first, ties rotating. */
class CallerNumberChoicePropertyTest {

    @Property(tries = 500)
    void picksWhatTheRuleSaysWhateverTheHoldsAndLimits(@ForAll @IntRange(min = 0, max = 12) int count,
                                                        @ForAll @IntRange(min = 1, max = 4) int maxPerNumber,
                                                        @ForAll @IntRange(min = 0, max = 40) int wanted,
                                                        @ForAll @IntRange(min = 0, max = 1000) int rotation,
                                                        @ForAll long seed) {
        List<String> numbers = numbers(count);
        Map<String, Integer> held = new HashMap<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (String n : numbers) {
            int h = random.nextInt(maxPerNumber + 2);
            if (h > 0) {
                held.put(n, h);
            }
        }

        List<String> picked = CallerNumberChoice.pick(numbers, held, maxPerNumber, rotation, wanted);

        assertThat(picked).isEqualTo(reference(numbers, held, maxPerNumber, rotation, wanted));
        Map<String, Integer> after = new HashMap<>(held);
        picked.forEach(n -> after.merge(n, 1, Integer::sum));
        assertThat(picked).allSatisfy(n -> assertThat(after.get(n)).isLessThanOrEqualTo(maxPerNumber));
    }

    @Example
    void idleExclusiveNumbersTakeTurnsAcrossClaims() {
        List<String> numbers = numbers(3);

        assertThat(CallerNumberChoice.pick(numbers, Map.of(), 1, 0, 1)).containsExactly(numbers.get(0));
        assertThat(CallerNumberChoice.pick(numbers, Map.of(), 1, 1, 1)).containsExactly(numbers.get(1));
        assertThat(CallerNumberChoice.pick(numbers, Map.of(), 1, 5, 2)).containsExactly(numbers.get(2),
                numbers.get(0));
    }

    @Example
    void aSharedNumberWithMoreFreePlacesGoesFirst() {
        List<String> numbers = numbers(2);

        List<String> picked = CallerNumberChoice.pick(numbers, Map.of(numbers.get(0), 2), 3, 0, 3);

        assertThat(picked).containsExactly(numbers.get(1), numbers.get(1), numbers.get(0));
    }

    /** The rule as written: each call scans every number for the most free places, first in rotated order. */
    private static List<String> reference(List<String> numbers, Map<String, Integer> held, int max, long rotation,
                                          int wanted) {
        List<String> picked = new ArrayList<>();
        int n = numbers.size();
        if (n == 0) {
            return picked;
        }
        int start = (int) Math.floorMod(rotation, (long) n);
        int[] free = new int[n];
        for (int i = 0; i < n; i++) {
            free[i] = Math.max(0, max - held.getOrDefault(numbers.get((start + i) % n), 0));
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

    private static List<String> numbers(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("+1555000%04d", i)).toList();
    }
}
