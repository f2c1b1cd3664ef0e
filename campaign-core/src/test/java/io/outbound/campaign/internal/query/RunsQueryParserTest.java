package io.outbound.campaign.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.outbound.campaign.CallOutcome;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.FieldError;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.spi.SessionQuery;
import io.outbound.campaign.spi.SessionQuery.Sort;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The runs endpoint's query: what a caller may ask for, the defaults, and how each mistake is named. */
class RunsQueryParserTest {

    private static SessionQuery parse(Integer page, Integer limit, String filters, String sortBy, String sortOrder) {
        return RunsQueryParser.parse(new RunsQuery(page, limit, filters, sortBy, sortOrder));
    }

    private static SessionQuery.Filter filter(String json) {
        return parse(null, null, json, null, null).filter();
    }

    /** The field errors of a query that must be refused. */
    private static List<FieldError> rejected(Integer page, Integer limit, String filters, String sortBy,
                                             String sortOrder) {
        CampaignException e = catchThrowableOfType(() -> parse(page, limit, filters, sortBy, sortOrder),
                CampaignException.class);
        assertThat(e).as("the query is refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        return e.fieldErrors();
    }

    private static FieldError onlyError(Integer page, Integer limit, String filters, String sortBy, String sortOrder) {
        List<FieldError> errors = rejected(page, limit, filters, sortBy, sortOrder);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void anEmptyQueryIsTheFirstPageOfFiftyNewestFirstUnfiltered() {
        SessionQuery query = RunsQueryParser.parse(RunsQuery.firstPage());

        assertThat(query.page()).isEqualTo(new PageRequest(1, 50));
        assertThat(query.sort()).isEqualTo(Sort.STARTED_AT);
        assertThat(query.descending()).isTrue();
        assertThat(query.filter()).isEqualTo(SessionQuery.Filter.none());
    }

    @Test
    void blankParametersTakeTheDefaultsAsIfLeftOut() {
        SessionQuery query = parse(null, null, "  ", "", " ");

        assertThat(query).isEqualTo(RunsQueryParser.parse(RunsQuery.firstPage()));
    }

    @ParameterizedTest
    @CsvSource({"started_at, STARTED_AT", "ended_at, ENDED_AT", "attempt, ATTEMPT", "outcome, OUTCOME",
            "phone_number, PHONE_NUMBER", "duration_seconds, DURATION_SECONDS"})
    void eachWhitelistedSortFieldIsAccepted(String sortBy, Sort expected) {
        assertThat(parse(null, null, null, sortBy, null).sort()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"caller_number", "transcript_summary", "started_at desc", "started_at; drop table x",
            "id", "1"})
    void aSortFieldOutsideTheWhitelistIsRefusedNamingItAndTheAllowedFields(String sortBy) {
        FieldError error = onlyError(null, null, null, sortBy, null);

        assertThat(error.field()).isEqualTo("sort_by");
        assertThat(error.value()).isEqualTo(sortBy);
        assertThat(error.message()).contains("started_at", "ended_at", "attempt", "outcome", "phone_number",
                "duration_seconds");
    }

    @Test
    void sortOrderAscAndDescChooseTheDirection() {
        assertThat(parse(null, null, null, "attempt", "asc").descending()).isFalse();
        assertThat(parse(null, null, null, "attempt", "desc").descending()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ascending", "up", "1", "asc,desc"})
    void anyOtherSortOrderIsRefusedNamingTheValue(String order) {
        FieldError error = onlyError(null, null, null, null, order);

        assertThat(error.field()).isEqualTo("sort_order");
        assertThat(error.value()).isEqualTo(order);
        assertThat(error.message()).contains("asc", "desc");
    }

    @Test
    void pagesCountFromOneAndTheLimitRunsFromOneToFiveHundred() {
        assertThat(parse(3, 20, null, null, null).page()).isEqualTo(new PageRequest(3, 20));
        assertThat(parse(3, 20, null, null, null).page().offset()).isEqualTo(40);
        assertThat(parse(1, 1, null, null, null).page().limit()).isEqualTo(1);
        assertThat(parse(1, 500, null, null, null).page().limit()).isEqualTo(500);
        assertThat(parse(7, null, null, null, null).page()).isEqualTo(new PageRequest(7, 50));
        assertThat(parse(null, 10, null, null, null).page()).isEqualTo(new PageRequest(1, 10));
    }

    @Test
    void aPageBelowOneIsRefusedNamingPage() {
        FieldError error = onlyError(0, null, null, null, null);

        assertThat(error.field()).isEqualTo("page");
        assertThat(error.value()).isEqualTo("0");
        assertThat(onlyError(-2, null, null, null, null).value()).isEqualTo("-2");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 501, 10_000})
    void aLimitOutsideOneToFiveHundredIsRefusedNamingLimit(int limit) {
        FieldError error = onlyError(null, limit, null, null, null);

        assertThat(error.field()).isEqualTo("limit");
        assertThat(error.value()).isEqualTo(String.valueOf(limit));
        assertThat(error.message()).contains("500");
    }

    @Test
    void everyFilterFieldIsReadIntoItsTypedValue() {
        SessionQuery.Filter filter = filter("""
                {"outcome": "no_answer", "phone_number": "+14155550100", "attempt": 2, "answered": false,
                 "started_after": "2026-06-01T00:00:00Z", "started_before": "2026-06-02T09:30:00+02:00"}""");

        assertThat(filter).isEqualTo(new SessionQuery.Filter(CallOutcome.NO_ANSWER, "+14155550100", 2, false,
                Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-02T07:30:00Z")));
    }

    @Test
    void filtersLeftOutDoNotFilter() {
        assertThat(filter("{}")).isEqualTo(SessionQuery.Filter.none());
        assertThat(filter("{\"answered\": true}"))
                .isEqualTo(new SessionQuery.Filter(null, null, null, true, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"completed", "voicemail", "busy", "no_answer", "failed", "invalid_number"})
    void everyOutcomeCanBeFilteredOn(String outcome) {
        assertThat(filter("{\"outcome\": \"" + outcome + "\"}").outcome().json()).isEqualTo(outcome);
    }

    @Test
    void aFieldOutsideTheFilterWhitelistIsRefusedNamingItAndTheAllowedFields() {
        FieldError error = onlyError(null, null, "{\"caller_number\": \"+14155550100\"}", null, null);

        assertThat(error.field()).isEqualTo("filters.caller_number");
        assertThat(error.value()).isEqualTo("\"+14155550100\"");
        assertThat(error.message()).contains("outcome", "phone_number", "attempt", "answered", "started_after",
                "started_before");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"outcome\": \"hung_up\"}           | filters.outcome        | hung_up",
            "{\"outcome\": 3}                     | filters.outcome        | 3",
            "{\"phone_number\": 14155550100}      | filters.phone_number   | 14155550100",
            "{\"attempt\": 0}                     | filters.attempt        | 0",
            "{\"attempt\": -1}                    | filters.attempt        | -1",
            "{\"attempt\": 1.5}                   | filters.attempt        | 1.5",
            "{\"attempt\": \"2\"}                 | filters.attempt        | \"2\"",
            "{\"attempt\": 3000000000}            | filters.attempt        | 3000000000",
            "{\"answered\": \"yes\"}              | filters.answered       | \"yes\"",
            "{\"answered\": 1}                    | filters.answered       | 1",
            "{\"started_after\": \"yesterday\"}   | filters.started_after  | yesterday",
            "{\"started_before\": \"2026-06-01\"} | filters.started_before | 2026-06-01",
            "{\"started_before\": 1780000000}     | filters.started_before | 1780000000",
            "{\"started_after\": \"+1000000000-01-01T00:00:00Z\"}  | filters.started_after  | +1000000000-01-01T00:00:00Z",
            "{\"started_after\": \"-999999999-01-01T00:00:00+18:00\"} | filters.started_after | -999999999-01-01T00:00:00+18:00",
            "{\"started_before\": \"10000-01-01T00:00:00Z\"}        | filters.started_before | 10000-01-01T00:00:00Z"})
    void aFilterValueOfTheWrongKindIsRefusedNamingTheFieldAndTheValue(String filters, String field, String value) {
        FieldError error = onlyError(null, null, filters, null, null);

        assertThat(error.field()).isEqualTo(field);
        assertThat(error.value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"outcome=busy", "[{\"outcome\": \"busy\"}]", "\"busy\"", "42", "null", "{\"outcome\": "})
    void filtersThatAreNotAJsonObjectAreRefused(String filters) {
        FieldError error = onlyError(null, null, filters, null, null);

        assertThat(error.field()).isEqualTo("filters");
        assertThat(error.value()).isEqualTo(filters);
        assertThat(error.message()).contains("JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"outcome\": \"busy\"} {\"attempt\": 2}", "{\"outcome\": \"busy\"}}",
            "{\"outcome\": \"busy\"} trailing", "{\"outcome\": \"busy\", \"outcome\": \"completed\"}"})
    void textAfterTheFilterObjectOrAFilterNamedTwiceIsRefusedRatherThanIgnored(String filters) {
        FieldError error = onlyError(null, null, filters, null, null);

        assertThat(error.field()).isEqualTo("filters");
    }

    @Test
    void filtersUpToTheLengthLimitAreReadAndLongerOnesRefusedWithoutEchoingThemWhole() {
        String prefix = "{\"phone_number\": \"";
        String suffix = "\"}";
        String atLimit = prefix + "x".repeat(4096 - prefix.length() - suffix.length()) + suffix;
        String overLimit = prefix + "x".repeat(4097 - prefix.length() - suffix.length()) + suffix;
        assertThat(atLimit).hasSize(4096);

        assertThat(filter(atLimit).phoneNumber()).hasSize(4096 - prefix.length() - suffix.length());
        FieldError error = onlyError(null, null, overLimit, null, null);
        assertThat(error.field()).isEqualTo("filters");
        assertThat(error.message()).contains("4096");
        assertThat(error.value().length()).isLessThan(100);
    }

    @Test
    void everyProblemIsReportedAtOnceAndTheMessageNamesEachFieldAndValue() {
        assertThatThrownBy(() -> parse(0, 501, "{\"outcome\": \"hung_up\", \"colour\": \"red\"}", "caller_number",
                "sideways"))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field, FieldError::value)
                            .containsExactlyInAnyOrder(tuple("page", "0"), tuple("limit", "501"),
                                    tuple("sort_by", "caller_number"), tuple("sort_order", "sideways"),
                                    tuple("filters.outcome", "hung_up"), tuple("filters.colour", "\"red\""));
                    assertThat(e.getMessage()).contains("page", "'0'", "limit", "'501'", "sort_by",
                            "'caller_number'", "sort_order", "'sideways'", "filters.outcome", "'hung_up'",
                            "filters.colour");
                });
    }
}
