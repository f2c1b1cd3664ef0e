package io.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outbound.campaign.internal.validation.RequestValidator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CampaignJsonTest {

    private static final String CREATE_BODY = """
            {"name": "June Lead Outreach", "workflow_id": 247, "contacts_file_key": "campaigns/abc123/contacts.csv",
             "max_concurrency": 5,
             "calling_hours": {"timezone": "America/New_York",
                               "slots": [{"day": "monday", "start": "09:00", "end": "17:00"}]},
             "retry_config": {"enabled": true, "max_retries": 2, "retry_delay_seconds": 120,
                              "retry_on_busy": true, "retry_on_no_answer": true, "retry_on_voicemail": true},
             "telephony_configuration_id": null}
            """;

    @Test
    void aPresignedUrlNamesTheHeadersItRequiresAndOnlyThen() {
        Instant expires = Instant.parse("2030-01-02T03:04:05Z");
        PresignedUrl download = new PresignedUrl(URI.create("https://files.example/a.csv"), "GET", expires);
        PresignedUrl upload = new PresignedUrl(URI.create("https://files.example/a.csv"), "PUT", expires,
                Map.of("If-None-Match", "*"));

        assertThat(CampaignJson.write(download))
                .isEqualTo("{\"url\":\"https://files.example/a.csv\",\"method\":\"GET\","
                        + "\"expires_at\":\"2030-01-02T03:04:05Z\"}");
        assertThat(CampaignJson.write(upload)).endsWith(",\"headers\":{\"If-None-Match\":\"*\"}}");
        assertThat(CampaignJson.read(CampaignJson.write(upload), PresignedUrl.class)).isEqualTo(upload);
        assertThat(CampaignJson.read(CampaignJson.write(download), PresignedUrl.class)).isEqualTo(download);
    }

    @Test
    void theDocumentedCreateBodyReadsIntoTheRequestRecord() {
        CreateCampaignRequest request = CampaignJson.read(CREATE_BODY, CreateCampaignRequest.class);

        assertThat(request.name()).isEqualTo("June Lead Outreach");
        assertThat(request.workflowId()).isEqualTo(247L);
        assertThat(request.contactsFileKey()).isEqualTo("campaigns/abc123/contacts.csv");
        assertThat(request.maxConcurrency()).isEqualTo(5);
        assertThat(request.callingHours()).isEqualTo(
                new CallingHours("America/New_York", List.of(new Slot("monday", "09:00", "17:00"))));
        assertThat(request.retryConfig()).isEqualTo(new RetryConfig(true, 2, 120, true, true, true));
        assertThat(request.telephonyConfigurationId()).isNull();
    }

    @Test
    void aCreateRequestWritesBackToTheSameJson() throws Exception {
        CreateCampaignRequest request = CampaignJson.read(CREATE_BODY, CreateCampaignRequest.class);
        var mapper = CampaignJson.mapper();

        ObjectNode expected = (ObjectNode) mapper.readTree(CREATE_BODY);
        expected.putNull("contact_rules");
        assertThat(mapper.readTree(CampaignJson.write(request))).isEqualTo(expected);
    }

    @Test
    void contactRulesReadAndWriteBackWithTheirDefaults() throws Exception {
        String body = """
                {"name": "Rules", "workflow_id": 247, "contacts_file_key": "c.csv", "max_concurrency": 5,
                 "contact_rules": {"jurisdiction": "US", "timezone_column": "tz",
                                   "attempt_limits": [{"max_attempts": 3, "period_hours": 24}]}}
                """;

        CreateCampaignRequest request = CampaignJson.read(body, CreateCampaignRequest.class);

        assertThat(request.contactRules()).isEqualTo(new ContactRules(Jurisdiction.US, "tz",
                List.of(new AttemptLimit(3, 24)), true));
        assertThat(CampaignJson.write(request.contactRules())).isEqualTo("{\"jurisdiction\":\"us\","
                + "\"timezone_column\":\"tz\",\"attempt_limits\":[{\"max_attempts\":3,\"period_hours\":24}],"
                + "\"respect_suppression\":true}");
    }

    @Test
    void contactRulesWithAnUnknownJurisdictionOrBadLimitsFailNamingEachField() {
        String body = """
                {"name": "Rules", "workflow_id": 247, "contacts_file_key": "c.csv", "max_concurrency": 5,
                 "contact_rules": {"jurisdiction": "uk"}}
                """;
        assertThatThrownBy(() -> CampaignJson.read(body, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("contact_rules.jurisdiction");
                        assertThat(error.message()).contains("none, us, ca, fr");
                    });
                });
        String limits = """
                {"contact_rules": {"attempt_limits": [{"max_attempts": 0, "period_hours": 0},
                                                      {"max_attempts": 2, "period_hours": 8761}]}}
                """;
        assertThatThrownBy(() -> CampaignJson.read(limits, UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly(
                                "contact_rules.attempt_limits[0].max_attempts",
                                "contact_rules.attempt_limits[0].period_hours",
                                "contact_rules.attempt_limits[1].period_hours"));
    }

    @Test
    void progressSerialisesToExactlyTheDocumentedFieldsInOrder() throws Exception {
        CampaignProgress progress = new CampaignProgress(500, 310, 245, 238, 7, 188, 5, CampaignStatus.RUNNING, 58,
                2);

        String json = CampaignJson.write(progress);

        assertThat(json).isEqualTo("{\"total_contacts\":500,\"dialled\":310,\"answered\":245,\"completed\":238,"
                + "\"failed\":7,\"pending\":188,\"in_progress\":5,\"status\":\"running\",\"retry_scheduled\":58,"
                + "\"skipped\":2}");
        assertThat(CampaignJson.read(json, CampaignProgress.class)).isEqualTo(progress);
    }

    @Test
    void outcomesAndStatusesAreLowerCaseInJson() {
        assertThat(CampaignJson.write(CallOutcome.NO_ANSWER)).isEqualTo("\"no_answer\"");
        assertThat(CampaignJson.write(CampaignStatus.PAUSED)).isEqualTo("\"paused\"");
        assertThat(CampaignJson.read("\"invalid_number\"", CallOutcome.class)).isEqualTo(CallOutcome.INVALID_NUMBER);
    }

    @Test
    void aTypoInAFieldNameIsReportedNotIgnored() {
        String body = CREATE_BODY.replace("\"max_concurrency\"", "\"max_concurency\"");

        assertThatThrownBy(() -> CampaignJson.read(body, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field)
                            .contains("max_concurency", "max_concurrency");
                });
    }

    @Test
    void everyUnknownAndInvalidFieldIsReportedAtOnceWithItsPath() {
        String body = """
                {"name": "", "workflow_id": 0, "contacts_file_key": "../etc/passwd", "max_concurrency": 0,
                 "calling_hours": {"timezone": "Mars/Olympus", "slots": [
                    {"day": "funday", "start": "9am", "end": "17:00"},
                    {"day": "monday", "start": "17:00", "end": "09:00", "colour": "red"}]},
                 "retry_config": {"max_retries": 11, "retry_delay_seconds": -1}}
                """;

        assertThatThrownBy(() -> CampaignJson.read(body, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("calling_hours.slots[1].colour", "name", "workflow_id",
                                "contacts_file_key", "max_concurrency", "calling_hours.timezone",
                                "calling_hours.slots[0].day", "calling_hours.slots[0].start",
                                "calling_hours.slots[1].end", "retry_config.max_retries",
                                "retry_config.retry_delay_seconds"));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        String body = CREATE_BODY.replace("\"max_concurrency\": 5", "\"max_concurrency\": \"five\"");

        assertThatThrownBy(() -> CampaignJson.read(body, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("max_concurrency");
                    assertThat(e.fieldErrors().get(0).value()).isEqualTo("five");
                });
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        assertThatThrownBy(() -> CampaignJson.read("{\"name\": \"x\",\n \"workflow_id\": }", CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
                    assertThat(e.getMessage()).contains("line 2");
                });
    }

    @Test
    void aNumberLongerThanTheParsersLimitIsMalformedNamingTheFieldWithoutEchoingTheDigits() {
        String body = CREATE_BODY.replace("\"workflow_id\": 247", "\"workflow_id\": " + "7".repeat(5000));

        assertThatThrownBy(() -> CampaignJson.read(body, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
                    assertThat(e.getMessage()).contains("workflow_id").contains("line 1")
                            .doesNotContain("7".repeat(50)).hasSizeLessThan(300);
                });
    }

    @Test
    void aTooLongNumberInsideAListIsMalformedToo() {
        String body = "{\"name\": \"r\", \"redial_statuses\": [" + "7".repeat(5000) + "]}";

        assertThatThrownBy(() -> CampaignJson.read(body, RedialCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
                    assertThat(e.getMessage()).contains("redial_statuses").doesNotContain("7".repeat(50));
                });
    }

    @Test
    void nestingDeeperThanTheParsersLimitIsMalformed() {
        String body = "{\"calling_hours\": {\"timezone\": \"UTC\", \"extra\": " + "[".repeat(100) + "]".repeat(100) + "}}";

        assertThatThrownBy(() -> CampaignJson.read(body, UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
                    assertThat(e.getMessage()).contains("nesting depth");
                });
    }

    @Test
    void aValueOutOfRangeIsNamedWithoutEchoingItInFull() {
        String body = CREATE_BODY.replace("\"max_concurrency\": 5", "\"max_concurrency\": " + "9".repeat(999));

        assertThatThrownBy(() -> CampaignJson.read(body, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("max_concurrency");
                    assertThat(e.getMessage()).doesNotContain("9".repeat(150));
                });
    }

    @Test
    void aLongRejectedValueIsCutInTheError() {
        String body = "{\"name\": \"r\", \"redial_statuses\": [\"" + "x".repeat(5000) + "\"]}";

        assertThatThrownBy(() -> CampaignJson.read(body, RedialCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.fieldErrors()).singleElement().extracting(FieldError::value, STRING)
                            .hasSize(FieldError.MAX_VALUE_CHARS + 1).endsWith("…");
                    assertThat(e.getMessage()).hasSizeLessThan(300);
                });
    }

    @Test
    void eighteenThousandSlotsAreOneErrorNamingTheList() {
        String slot = "{\"day\": \"monday\", \"start\": \"09:00\", \"end\": \"17:00\"}";
        String body = "{\"calling_hours\": {\"timezone\": \"UTC\", \"slots\": ["
                + String.join(",", Collections.nCopies(18_000, slot)) + "]}}";

        assertThatThrownBy(() -> CampaignJson.read(body, UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("calling_hours.slots");
                        assertThat(error.message()).contains("at most " + CallingHours.MAX_SLOTS);
                    });
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {" {}", " {\"name\": \"x\"}", " x", "]", " 1", " null"})
    void contentAfterTheObjectIsMalformed(String trailing) {
        assertThatThrownBy(() -> CampaignJson.read(CREATE_BODY.strip() + trailing, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
                    assertThat(e.getMessage()).contains("line 7");
                });
    }

    @Test
    void aBodyOfBytesIsUtf8AndMayStartWithAByteOrderMark() {
        byte[] withMark = ("\uFEFF" + CREATE_BODY).getBytes(StandardCharsets.UTF_8);

        assertThat(CampaignJson.read(new ByteArrayInputStream(withMark), CreateCampaignRequest.class))
                .isEqualTo(CampaignJson.read(CREATE_BODY, CreateCampaignRequest.class));
        assertThat(CampaignJson.read(new ByteArrayInputStream("{\"name\": \"Ünïcödé ☎ 𝄞\"}"
                .getBytes(StandardCharsets.UTF_8)), UpdateCampaignRequest.class).name())
                .isEqualTo("Ünïcödé ☎ 𝄞");
    }

    /** Zero bytes first once made Jackson guess UTF-32 and throw an I/O error, a 500 at a host's endpoint. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0000X\u0000\u0000", "\u0000\u0000\u0000{", "\u0000{\u0000}", "\u0000\u0000{}"})
    void bytesThatLookLikeAnotherEncodingAreMalformedAsTheSameTextIs(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CampaignJson.read(new ByteArrayInputStream(bytes), UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        assertThatThrownBy(() -> CampaignJson.read(body, UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedSayingSo() {
        byte[] latin1 = "{\"name\": \"Ünïcödé\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = "{\"name\": \"June\"}".getBytes(StandardCharsets.UTF_16);

        for (byte[] body : List.of(latin1, utf16)) {
            assertThatThrownBy(() -> CampaignJson.read(new ByteArrayInputStream(body), UpdateCampaignRequest.class))
                    .isInstanceOfSatisfying(CampaignException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
                        assertThat(e.getMessage()).contains("UTF-8");
                    });
        }
    }

    /** A body of a hundred thousand unknown fields once got an 11 MB answer; the answer stays small. */
    @Test
    void aHundredThousandUnknownFieldsListTheFirstFiftyAndCountTheRest() {
        StringBuilder body = new StringBuilder("{\"name\": \"x\"");
        for (int i = 0; i < 100_000; i++) {
            body.append(",\"u").append(i).append("\":1");
        }
        body.append('}');

        assertThatThrownBy(() -> CampaignJson.read(body.toString(), UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).hasSize(CampaignException.MAX_FIELD_ERRORS);
                    assertThat(e.fieldErrors().get(0).field()).isEqualTo("u0");
                    assertThat(e.getMessage()).endsWith("; and 99,950 more").hasSizeLessThan(5_000);
                });
    }

    /** Errors speak of the request, not of the Java behind it: no class names, no Jackson feature switches. */
    @ParameterizedTest
    @ValueSource(strings = {"\"hello\"", "[1, 2]", "42", "{\"name\": [\"x\"]}", "{\"name\": {\"a\": 1}}",
            "{\"max_concurrency\": NaN}", "{\"max_concurrency\": [5]}", "{/* c */ \"name\": \"x\"}",
            "{'name': 'x'}", "{\"name\": \"x\" // c\n}", "{\"calling_hours\": \"always\"}",
            "{\"calling_hours\": {\"timezone\": \"UTC\", \"slots\": {}}}", "{\"retry_config\": [true]}",
            "{\"contact_rules\": {\"respect_suppression\": \"maybe\"}}", "{\"max_concurrency\": 1e5}"})
    void errorsNameNoJavaTypeAndNoParserSetting(String body) {
        for (Class<?> type : List.of(CreateCampaignRequest.class, UpdateCampaignRequest.class)) {
            assertThatThrownBy(() -> CampaignJson.read(body, type)).isInstanceOfSatisfying(CampaignException.class,
                    e -> {
                        String all = e.getMessage() + e.fieldErrors();
                        assertThat(all).as(all).doesNotContain("io.outbound", "java.", "Feature", "JsonToken", "`",
                                "Creator", "deserialize");
                    });
        }
    }

    @Test
    void aFieldNamedTwiceIsMalformed() {
        assertThatThrownBy(() -> CampaignJson.read("{\"name\": \"a\", \"name\": \"b\"}", UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
                    assertThat(e.getMessage()).contains("name");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"workflow_id\": 247|\"workflow_id\": 247.5|workflow_id|247.5",
            "\"max_concurrency\": 5|\"max_concurrency\": 1.5|max_concurrency|1.5",
            "\"max_concurrency\": 5|\"max_concurrency\": 5.0|max_concurrency|5.0",
            "\"max_retries\": 2|\"max_retries\": 2.5|retry_config.max_retries|2.5",
            "\"retry_delay_seconds\": 120|\"retry_delay_seconds\": 1.2e2|retry_config.retry_delay_seconds|120.0"})
    void aNumberWithAFractionOrExponentWhereTheContractHasAnIntegerIsRefusedNamingTheField(
            String valid, String fraction, String field, String value) {
        String body = CREATE_BODY.replace(valid, fraction);

        assertThatThrownBy(() -> CampaignJson.read(body, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo(field);
                        assertThat(error.value()).isEqualTo(value);
                        assertThat(error.message()).isEqualTo("must be an integer");
                    });
                });
    }

    @Test
    void anUpdatesFractionalConcurrencyIsRefusedNamingTheField() {
        assertThatThrownBy(() -> CampaignJson.read("{\"max_concurrency\": 1.5}", UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("max_concurrency"));
    }

    @Test
    void aQuotedIntegerIsStillReadAsTheInteger() {
        String body = CREATE_BODY.replace("\"max_concurrency\": 5", "\"max_concurrency\": \"7\"");

        assertThat(CampaignJson.read(body, CreateCampaignRequest.class).maxConcurrency()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"June\\u0000", "\\u001b[31mJune", "June\\r\\nBcc: x",
            "June\\n", "June\\t", "\\u202Eenuj", "June\\u2066x\\u2069", "June\\u0085", "June\\u2028",
            "\\ud800June"})
    void aNameWithControlOrBidiOverrideCharactersIsRefusedNamingTheField(String escapedName) {
        String body = CREATE_BODY.replace("\"June Lead Outreach\"", "\"" + escapedName + "\"");

        assertThatThrownBy(() -> CampaignJson.read(body, CreateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("name");
                        assertThat(error.message()).contains("control").contains("U+");
                        assertThat(error.value()).doesNotContainPattern("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]");
                    });
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Café d'été", "حملة يونيو", "קמפיין יוני\u200F", "六月 🚀",
            "नमस्ते\u200D"})
    void namesInAnyScriptStayAccepted(String name) {
        String body = CREATE_BODY.replace("June Lead Outreach", name);

        assertThat(CampaignJson.read(body, CreateCampaignRequest.class).name()).isEqualTo(name);
    }

    @Test
    void aNullInAListIsNamedByItsPlace() {
        assertThatThrownBy(() -> CampaignJson.read("{\"calling_hours\": {\"timezone\": \"UTC\", \"slots\": "
                + "[{\"day\": \"monday\", \"start\": \"09:00\", \"end\": \"17:00\"}, null]}}", UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .containsExactly(new FieldError("calling_hours.slots[1]", null, "is required")));
        RedialCampaignRequest redial = CampaignJson.read("{\"name\": \"r\", \"redial_statuses\": [\"busy\", null]}",
                RedialCampaignRequest.class);
        assertThatThrownBy(() -> RequestValidator.validate(redial))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .containsExactly(new FieldError("redial_statuses[1]", null, "is required")));
    }

    @Test
    void anUnknownFieldDeepInAnUpdateIsNamedByItsWholePath() {
        String body = "{\"calling_hours\": {\"timezone\": \"UTC\", \"zone\": 1, \"slots\": "
                + "[{\"day\": \"monday\", \"start\": \"09:00\", \"end\": \"17:00\", \"colour\": \"red\"}]}}";

        assertThatThrownBy(() -> CampaignJson.read(body, UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("calling_hours.zone", "calling_hours.slots[0].colour"));
    }

    @Test
    void anUpdateTellsAnAbsentFieldFromANullOne() {
        UpdateCampaignRequest removesHours = CampaignJson.read("{\"calling_hours\": null}", UpdateCampaignRequest.class);
        UpdateCampaignRequest renames = CampaignJson.read("{\"name\": \"New\"}", UpdateCampaignRequest.class);

        assertThat(removesHours.has(UpdateCampaignRequest.Field.CALLING_HOURS)).isTrue();
        assertThat(removesHours.callingHours()).isNull();
        assertThat(removesHours.has(UpdateCampaignRequest.Field.NAME)).isFalse();
        assertThat(renames.has(UpdateCampaignRequest.Field.CALLING_HOURS)).isFalse();
        assertThat(renames.name()).isEqualTo("New");
        assertThat(CampaignJson.write(removesHours)).isEqualTo("{\"calling_hours\":null}");
    }

    @Test
    void anUpdateRejectsUnknownFieldsAndNullRequiredOnes() {
        assertThatThrownBy(() -> CampaignJson.read("{\"nmae\": \"x\", \"max_concurrency\": null}",
                UpdateCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("nmae", "max_concurrency"));
    }

    @Test
    void aRetryConfigWithMissingFieldsTakesTheDefaults() {
        RetryConfig config = CampaignJson.read("{\"max_retries\": 4}", RetryConfig.class);

        assertThat(config).isEqualTo(new RetryConfig(true, 4, RetryConfig.DEFAULT_RETRY_DELAY_SECONDS, true, true,
                true));
    }

    @Test
    void aRedialBodyWithAnUnknownStatusNamesTheValue() {
        assertThatThrownBy(() -> CampaignJson.read("{\"name\": \"r\", \"redial_statuses\": [\"busy\", \"later\"]}",
                RedialCampaignRequest.class))
                .isInstanceOfSatisfying(CampaignException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains("later");
                });
    }

    @Test
    void callSessionsWriteTimesAsIso8601AndKeepContextOrder() throws Exception {
        // File order, which is neither sorted nor the order a hash map would give.
        Map<String, String> context = new java.util.LinkedHashMap<>();
        context.put("name", "Jane");
        context.put("company", "Acme");
        context.put("zip", "94107");
        context.put("account_id", "A-17");
        context.put("city", "San Francisco");
        context.put("best_time", "morning");
        List<String> fileOrder = List.copyOf(context.keySet());
        assertThat(fileOrder).isNotEqualTo(fileOrder.stream().sorted().toList())
                .isNotEqualTo(List.copyOf(new java.util.HashMap<>(context).keySet()));
        CallSession session = new CallSession("s-1", 7, "+14155552671", 2, CallSessionStatus.ENDED,
                CallOutcome.COMPLETED, true, "+15550000001", Instant.parse("2026-06-01T13:00:00Z"),
                Instant.parse("2026-06-01T13:00:05Z"), Instant.parse("2026-06-01T13:01:00Z"), 60L, "ok",
                Map.of("interested", true), context, null);

        String json = CampaignJson.write(session);
        CallSession read = CampaignJson.read(json, CallSession.class);

        assertThat(json).contains("\"started_at\":\"2026-06-01T13:00:00Z\"", "\"outcome\":\"completed\"",
                "\"initial_context\":{\"name\":\"Jane\",\"company\":\"Acme\",\"zip\":\"94107\","
                        + "\"account_id\":\"A-17\",\"city\":\"San Francisco\",\"best_time\":\"morning\"}");
        assertThat(session.initialContext().keySet()).containsExactlyElementsOf(fileOrder);
        assertThat(read).isEqualTo(session);
        assertThat(read.initialContext().keySet()).as("the order read back").containsExactlyElementsOf(fileOrder);
        assertThat(CampaignJson.write(read)).isEqualTo(json);
    }
}
