package io.outbound.campaign.samples;

import io.outbound.campaign.CallOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How often each outcome occurs among simulated calls, as integer weights.
 *
 * @param weights the weight of each outcome; outcomes left out never occur
 */
public record OutcomeMix(Map<CallOutcome, Integer> weights) {

    public OutcomeMix {
        Objects.requireNonNull(weights, "weights");
        EnumMap<CallOutcome, Integer> copy = new EnumMap<>(CallOutcome.class);
        int total = 0;
        for (Map.Entry<CallOutcome, Integer> entry : weights.entrySet()) {
            int weight = entry.getValue();
            if (weight < 0) {
                throw new IllegalArgumentException("weight of " + entry.getKey().json()
                        + " must not be negative, was " + weight);
            }
            copy.put(entry.getKey(), weight);
            total += weight;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights must add up to more than 0, were " + weights);
        }
        weights = Collections.unmodifiableMap(copy);
    }

    /**
     * A plausible day of outbound calling: 60% completed, 15% no answer, 10% busy, 10% voicemail, 5% failed.
     */
    public static OutcomeMix realistic() {
        return new OutcomeMix(Map.of(CallOutcome.COMPLETED, 60, CallOutcome.NO_ANSWER, 15, CallOutcome.BUSY, 10,
                CallOutcome.VOICEMAIL, 10, CallOutcome.FAILED, 5));
    }

    /** Every call ends with the one outcome. */
    public static OutcomeMix always(CallOutcome outcome) {
        return new OutcomeMix(Map.of(outcome, 1));
    }

    /**
     * The outcome at a point of the distribution.
     *
     * @param unit a number in {@code [0, 1)}
     */
    public CallOutcome pick(double unit) {
        if (!(unit >= 0 && unit < 1)) {
            throw new IllegalArgumentException("unit must be in [0, 1), was " + unit);
        }
        List<CallOutcome> outcomes = new ArrayList<>(weights.keySet());
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        double target = unit * total;
        double cumulative = 0;
        for (CallOutcome outcome : outcomes) {
            cumulative += weights.get(outcome);
            if (target < cumulative) {
                return outcome;
            }
        }
        // Rounding at the very top of the range: the last outcome with a weight.
        for (int i = outcomes.size() - 1; i >= 0; i--) {
            if (weights.get(outcomes.get(i)) > 0) {
                return outcomes.get(i);
            }
        }
        throw new IllegalStateException("no outcome has a weight");
    }
}
