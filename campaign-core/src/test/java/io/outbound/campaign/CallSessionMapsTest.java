package io.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A session's maps: read-only, in file order, equal to the same entries in any map, and shared (not copied again)
 * as the session is rebuilt when it ends.
 */
class CallSessionMapsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final List<String> COLUMNS = List.of("first_name", "city", "customer_id");

    @Test
    void aContactsContextHoldsEachColumnsValueInFileOrderAndBlankForAColumnTheRowLacks() {
        Map<String, String> context = CallSession.contextOf(COLUMNS, List.of("Ada", "London"));

        assertThat(context).containsExactly(Map.entry("first_name", "Ada"), Map.entry("city", "London"),
                Map.entry("customer_id", ""));
        assertThat(context.get("city")).isEqualTo("London");
        assertThat(context.get("phone_number")).isNull();
        assertThat(context.containsKey("customer_id")).isTrue();
        assertThat(context).hasSize(3);
        Map<String, String> same = new LinkedHashMap<>();
        same.put("first_name", "Ada");
        same.put("city", "London");
        same.put("customer_id", "");
        assertThat(context).isEqualTo(same);
        assertThat(same).isEqualTo(context);
        assertThat(context.hashCode()).isEqualTo(same.hashCode());
    }

    @Test
    void aContextCannotBeChangedThroughItNorThroughTheListsItWasMadeOf() {
        List<String> values = new ArrayList<>(List.of("Ada", "London", "C-1"));
        Map<String, String> context = CallSession.contextOf(COLUMNS, values);
        values.set(0, "Grace");

        assertThat(context.get("first_name")).isEqualTo("Ada");
        assertThatThrownBy(() -> context.put("city", "Paris")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRepeatedColumnNameKeepsItsFirstPlaceAndItsLastValueAsAMapBuiltColumnByColumnWould() {
        Map<String, String> context = CallSession.contextOf(List.of("a", "b", "a"), List.of("1", "2", "3"));

        assertThat(context).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void aNullValueACustomStoreMayHoldIsKeptAsAMapBuiltColumnByColumnWould() {
        Map<String, String> context = CallSession.contextOf(COLUMNS, Arrays.asList("Ada", null, "C-1"));

        assertThat(context).containsExactly(Map.entry("first_name", "Ada"), new AbstractMap.SimpleEntry<>("city", null),
                Map.entry("customer_id", "C-1"));
    }

    @Test
    void aSessionRebuiltWithItsMapsSharesThemAndAMapFromElsewhereIsCopied() {
        Map<String, Object> extracted = new LinkedHashMap<>(Map.of("interested", true));
        CallSession started = session(CallSession.contextOf(COLUMNS, List.of("Ada", "London", "C-1")), extracted);
        extracted.put("interested", false);
        CallSession ended = new CallSession(started.sessionId(), started.campaignId(), started.phoneNumber(),
                started.attempt(), CallSessionStatus.ENDED, CallOutcome.COMPLETED, true, started.callerNumber(),
                started.startedAt(), T0, T0.plusSeconds(30), 30L, "ok", started.extractedData(),
                started.initialContext(), null);

        assertThat(started.extractedData()).containsEntry("interested", true);
        assertThat(ended.initialContext()).isSameAs(started.initialContext());
        assertThat(ended.extractedData()).isSameAs(started.extractedData());
        assertThatThrownBy(() -> started.extractedData().put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSessionWithAContactsContextIsWrittenAndReadAsJsonInFileOrder() {
        CallSession session = session(CallSession.contextOf(COLUMNS, List.of("Ada", "London", "C-1")), null);

        String json = CampaignJson.write(session);

        assertThat(json).contains("\"initial_context\":{\"first_name\":\"Ada\",\"city\":\"London\","
                + "\"customer_id\":\"C-1\"}");
        assertThat(CampaignJson.read(json, CallSession.class)).isEqualTo(session);
    }

    private static CallSession session(Map<String, String> context, Map<String, Object> extracted) {
        return new CallSession("s-1", 7, "+442071838750", 1, CallSessionStatus.IN_PROGRESS, null, false,
                "+442071838751", T0, null, null, null, null, extracted, context, null);
    }
}
