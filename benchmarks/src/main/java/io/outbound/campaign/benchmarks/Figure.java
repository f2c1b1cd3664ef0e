package io.outbound.campaign.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured figure, as printed and written to {@code results.json}.
 *
 * @param scenario the scenario that measured it ({@code import}, {@code dispatch-jdbc}, ...)
 * @param figure   what was measured ({@code rows_per_second}, {@code p99_ms}, ...)
 * @param value    the measurement
 * @param unit     the unit of {@code value} and {@code baseline}
 * @param baseline the same quantity measured on the baseline in the same run, or {@code null} when the
 *                 figure has none
 * @param ratio    {@code value / baseline}, or {@code null} without a baseline
 * @param target   the target, as a condition on {@code value} or {@code ratio} ({@code ratio >= 0.5}), or
 *                 {@code null} when the figure is informational
 * @param met      whether the target was met, or {@code null} without a target
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"scenario", "figure", "value", "unit", "baseline", "ratio", "target", "met"})
public record Figure(
        @JsonProperty("scenario") String scenario,
        @JsonProperty("figure") String figure,
        @JsonProperty("value") double value,
        @JsonProperty("unit") String unit,
        @JsonProperty("baseline") Double baseline,
        @JsonProperty("ratio") Double ratio,
        @JsonProperty("target") String target,
        @JsonProperty("met") Boolean met) {

    /** A figure without baseline or target. */
    public static Figure of(String scenario, String figure, double value, String unit) {
        return new Figure(scenario, figure, round(value), unit, null, null, null, null);
    }

    /** A figure compared with a baseline, without a target. */
    public static Figure against(String scenario, String figure, double value, double baseline, String unit) {
        return new Figure(scenario, figure, round(value), unit, round(baseline), round(value / baseline), null, null);
    }

    /** A copy whose target is {@code ratio >= minimum}. */
    public Figure ratioAtLeast(double minimum) {
        return new Figure(scenario, figure, value, unit, baseline, ratio, "ratio >= " + minimum,
                ratio != null && ratio >= minimum);
    }

    /** A copy whose target is {@code value >= minimum}. */
    public Figure valueAtLeast(double minimum) {
        return new Figure(scenario, figure, value, unit, baseline, ratio, "value >= " + minimum, value >= minimum);
    }

    /** A copy whose target is {@code value < maximum}. */
    public Figure valueBelow(double maximum) {
        return new Figure(scenario, figure, value, unit, baseline, ratio, "value < " + maximum, value < maximum);
    }

    /** A copy whose target is {@code value == expected}. */
    public Figure valueEquals(double expected) {
        return new Figure(scenario, figure, value, unit, baseline, ratio, "value == " + expected, value == expected);
    }

    /** Four significant digits are all a noisy machine can tell apart. */
    static double round(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue();
    }
}
