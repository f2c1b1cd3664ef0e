package io.outbound.campaign.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.outbound.campaign.AttemptLimit;
import io.outbound.campaign.Jurisdiction;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JurisdictionRulesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static final ContactZone NEW_YORK_NUMBER = ContactZones.resolve("+12125550123", null);
    private static final ContactZone LOS_ANGELES_NUMBER = ContactZones.resolve("+13105550123", null);
    private static final ContactZone MIAMI_NUMBER = ContactZones.resolve("+13055550123", null);
    private static final ContactZone PARIS_NUMBER = ContactZones.resolve("+33142345678", null);

    private static Instant local(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    @Nested
    class UnitedStates {

        // Wednesday 2027-06-16.
        private final LocalWindow newYork = JurisdictionRules.window(Jurisdiction.US, NEW_YORK_NUMBER);
        private final LocalWindow losAngeles = JurisdictionRules.window(Jurisdiction.US, LOS_ANGELES_NUMBER);
        private final LocalWindow miami = JurisdictionRules.window(Jurisdiction.US, MIAMI_NUMBER);

        @Test
        void a_new_york_number_may_be_called_from_eight_new_york_time() {
            assertThat(newYork.isOpen(local("2027-06-16T07:59:59", NEW_YORK))).isFalse();
            assertThat(newYork.isOpen(local("2027-06-16T08:00", NEW_YORK))).isTrue();
            assertThat(newYork.nextOpening(local("2027-06-16T06:30", NEW_YORK))).isEqualTo(local("2027-06-16T08:00", NEW_YORK));
        }

        @Test
        void a_los_angeles_number_waits_for_eight_pacific_which_is_eleven_in_new_york() {
            Instant startedAt = local("2027-06-16T08:30", NEW_YORK);

            assertThat(losAngeles.isOpen(startedAt)).isFalse();
            assertThat(losAngeles.nextOpening(startedAt))
                    .isEqualTo(local("2027-06-16T08:00", LOS_ANGELES))
                    .isEqualTo(local("2027-06-16T11:00", NEW_YORK));
        }

        @Test
        void a_miami_number_stops_at_eight_in_the_evening_while_new_york_goes_on_to_nine() {
            assertThat(miami.isOpen(local("2027-06-16T19:59:59", NEW_YORK))).isTrue();
            assertThat(miami.isOpen(local("2027-06-16T20:00", NEW_YORK))).isFalse();
            assertThat(newYork.isOpen(local("2027-06-16T20:59:59", NEW_YORK))).isTrue();
            assertThat(newYork.isOpen(local("2027-06-16T21:00", NEW_YORK))).isFalse();
            assertThat(miami.nextOpening(local("2027-06-16T20:00", NEW_YORK))).isEqualTo(local("2027-06-17T08:00", NEW_YORK));
        }

        @Test
        void florida_oklahoma_and_maryland_numbers_take_three_dials_a_day_and_others_no_implied_limit() {
            assertThat(JurisdictionRules.impliedLimits(Jurisdiction.US, MIAMI_NUMBER)).containsExactly(new AttemptLimit(3, 24));
            assertThat(JurisdictionRules.impliedLimits(Jurisdiction.US, ContactZones.resolve("+19185550123", null)))
                    .containsExactly(new AttemptLimit(3, 24));
            assertThat(JurisdictionRules.impliedLimits(Jurisdiction.US, ContactZones.resolve("+13015550123", null)))
                    .containsExactly(new AttemptLimit(3, 24));
            assertThat(JurisdictionRules.impliedLimits(Jurisdiction.US, NEW_YORK_NUMBER)).isEmpty();
            assertThat(JurisdictionRules.impliedLimits(Jurisdiction.CA, MIAMI_NUMBER)).isEmpty();
            assertThat(JurisdictionRules.impliedLimits(Jurisdiction.NONE, MIAMI_NUMBER)).isEmpty();
        }

        @Test
        void a_timezone_column_overrides_the_number() {
            ContactZone movedWest = ContactZones.resolve("+12125550123", "America/Los_Angeles");
            LocalWindow window = JurisdictionRules.window(Jurisdiction.US, movedWest);

            assertThat(window.isOpen(local("2027-06-16T08:30", NEW_YORK))).isFalse();
            assertThat(window.nextOpening(local("2027-06-16T08:30", NEW_YORK))).isEqualTo(local("2027-06-16T11:00", NEW_YORK));
        }

        @Test
        void a_number_with_two_zones_is_called_only_when_both_allow_it() {
            // Idaho's 208: Boise (Mountain) and the panhandle (Pacific); 08:00 Pacific is 09:00 Mountain.
            ContactZone idaho = ContactZones.resolve("+12085550123", null);
            LocalWindow window = JurisdictionRules.window(Jurisdiction.US, idaho);
            ZoneId boise = ZoneId.of("America/Boise");

            assertThat(idaho.zones()).containsExactly("America/Boise", "America/Los_Angeles");
            assertThat(window.isOpen(local("2027-06-16T08:30", boise))).as("08:30 Boise, 07:30 Pacific").isFalse();
            assertThat(window.nextOpening(local("2027-06-16T08:30", boise))).isEqualTo(local("2027-06-16T09:00", boise));
            assertThat(window.isOpen(local("2027-06-16T20:59", LOS_ANGELES))).as("21:59 Boise").isFalse();
            assertThat(window.isOpen(local("2027-06-16T20:59", boise))).isTrue();
            assertThat(window.nextOpening(local("2027-06-16T21:00", boise))).isEqualTo(local("2027-06-17T09:00", boise));
            assertThat(JurisdictionRules.describe(Jurisdiction.US, idaho))
                    .isEqualTo("us: 08:00-21:00 in all of America/Boise, America/Los_Angeles");
        }

        @Test
        void on_the_spring_forward_day_eight_new_york_time_is_an_hour_earlier_in_utc() {
            // 2027-03-14: clocks go from 02:00 EST to 03:00 EDT.
            assertThat(newYork.nextOpening(utc("2027-03-14T02:00:00Z"))).as("from 21:00 EST").isEqualTo(utc("2027-03-14T12:00:00Z"));
            assertThat(newYork.nextOpening(utc("2027-03-12T14:00:00Z"))).as("still EST").isEqualTo(utc("2027-03-12T14:00:00Z"));
            assertThat(newYork.isOpen(utc("2027-03-13T13:00:00Z"))).isTrue();
            assertThat(newYork.isOpen(utc("2027-03-14T12:59:59Z"))).isTrue();
            assertThat(newYork.isOpen(utc("2027-03-14T11:59:59Z"))).isFalse();
            assertThat(newYork.isOpen(utc("2027-03-15T00:59:59Z"))).as("20:59 EDT").isTrue();
            assertThat(newYork.isOpen(utc("2027-03-15T01:00:00Z"))).as("21:00 EDT").isFalse();
        }

        @Test
        void on_the_fall_back_day_eight_los_angeles_time_is_an_hour_later_in_utc() {
            // 2027-11-07: clocks go from 02:00 PDT back to 01:00 PST.
            assertThat(losAngeles.nextOpening(utc("2027-11-07T05:00:00Z"))).as("from 22:00 PDT").isEqualTo(utc("2027-11-07T16:00:00Z"));
            assertThat(losAngeles.isOpen(utc("2027-11-07T15:59:59Z"))).as("07:59 PST").isFalse();
            assertThat(losAngeles.isOpen(utc("2027-11-08T04:59:59Z"))).as("20:59 PST").isTrue();
            assertThat(losAngeles.isOpen(utc("2027-11-08T05:00:00Z"))).as("21:00 PST").isFalse();
        }

        @Test
        void a_contact_whose_local_time_is_unknown_has_no_window_and_says_so() {
            assertThat(JurisdictionRules.window(Jurisdiction.US, ContactZone.UNKNOWN)).isNull();
            assertThat(JurisdictionRules.window(Jurisdiction.FR, new ContactZone("FR", List.of()))).isNull();
            assertThat(JurisdictionRules.describe(Jurisdiction.US, ContactZone.UNKNOWN)).isEqualTo("us: local time unknown");
        }

        @Test
        void descriptions_name_the_rule_set_the_hours_and_the_zone() {
            assertThat(JurisdictionRules.describe(Jurisdiction.US, LOS_ANGELES_NUMBER)).isEqualTo("us: 08:00-21:00 America/Los_Angeles");
            assertThat(JurisdictionRules.describe(Jurisdiction.US, MIAMI_NUMBER)).isEqualTo("us-fl: 08:00-20:00 America/New_York");
        }

        @Test
        void windows_are_compiled_once_per_jurisdiction_and_contact_zone() {
            assertThat(JurisdictionRules.window(Jurisdiction.US, ContactZones.resolve("+12125559999", null)))
                    .isSameAs(newYork);
        }
    }

    @Test
    void without_a_jurisdiction_every_contact_may_be_called_at_any_time_even_without_a_zone() {
        assertThat(JurisdictionRules.window(Jurisdiction.NONE, ContactZone.UNKNOWN)).isSameAs(LocalWindows.ALWAYS);
        assertThat(JurisdictionRules.window(Jurisdiction.NONE, NEW_YORK_NUMBER)).isSameAs(LocalWindows.ALWAYS);
        assertThat(JurisdictionRules.describe(Jurisdiction.NONE, NEW_YORK_NUMBER)).isEqualTo("none: any time");
    }

    @Nested
    class Canada {

        private final ZoneId toronto = ZoneId.of("America/Toronto");
        private final LocalWindow window = JurisdictionRules.window(Jurisdiction.CA, ContactZones.resolve("+14165550123", null));

        @Test
        void on_a_saturday_calls_run_from_ten_to_six() {
            // 2027-06-19 is a Saturday.
            assertThat(window.isOpen(local("2027-06-19T09:59", toronto))).isFalse();
            assertThat(window.nextOpening(local("2027-06-19T09:00", toronto))).isEqualTo(local("2027-06-19T10:00", toronto));
            assertThat(window.isOpen(local("2027-06-19T17:59:59", toronto))).isTrue();
            assertThat(window.isOpen(local("2027-06-19T18:00", toronto))).isFalse();
            assertThat(window.nextOpening(local("2027-06-19T18:00", toronto))).isEqualTo(local("2027-06-20T10:00", toronto));
        }

        @Test
        void on_a_weekday_calls_run_from_nine_to_half_past_nine_in_the_evening() {
            assertThat(window.nextOpening(local("2027-06-20T18:00", toronto))).as("Sunday evening").isEqualTo(local("2027-06-21T09:00", toronto));
            assertThat(window.isOpen(local("2027-06-21T21:29:59", toronto))).isTrue();
            assertThat(window.isOpen(local("2027-06-21T21:30", toronto))).isFalse();
        }

        @Test
        void the_description_gives_both_weekday_and_weekend_hours() {
            assertThat(JurisdictionRules.describe(Jurisdiction.CA, ContactZones.resolve("+14165550123", null)))
                    .isEqualTo("ca: mon-fri 09:00-21:30, sat-sun 10:00-18:00 America/Toronto");
        }
    }

    @Nested
    class France {

        private final LocalWindow window = JurisdictionRules.window(Jurisdiction.FR, PARIS_NUMBER);

        @Test
        void easter_monday_is_closed_and_the_next_day_opens_at_ten() {
            assertThat(window.isOpen(local("2027-03-29T11:00", PARIS))).isFalse();
            assertThat(window.nextOpening(local("2027-03-26T20:00", PARIS))).as("from Friday evening")
                    .isEqualTo(local("2027-03-30T10:00", PARIS));
            assertThat(window.nextOpening(local("2027-03-29T09:00", PARIS))).isEqualTo(local("2027-03-30T10:00", PARIS));
        }

        @Test
        void calls_stop_for_lunch_from_one_to_two() {
            assertThat(window.isOpen(local("2027-03-30T12:59:59", PARIS))).isTrue();
            assertThat(window.isOpen(local("2027-03-30T13:00", PARIS))).isFalse();
            assertThat(window.nextOpening(local("2027-03-30T13:00", PARIS))).isEqualTo(local("2027-03-30T14:00", PARIS));
            assertThat(window.isOpen(local("2027-03-30T19:59:59", PARIS))).isTrue();
            assertThat(window.nextOpening(local("2027-03-30T20:00", PARIS))).isEqualTo(local("2027-03-31T10:00", PARIS));
        }

        @Test
        void ascension_thursday_is_closed() {
            // Ascension 2027: Thursday 6 May.
            assertThat(window.isOpen(local("2027-05-06T11:00", PARIS))).isFalse();
            assertThat(window.nextOpening(local("2027-05-05T20:00", PARIS))).isEqualTo(local("2027-05-07T10:00", PARIS));
        }

        @Test
        void weekends_are_closed() {
            assertThat(window.nextOpening(local("2027-06-18T20:00", PARIS))).isEqualTo(local("2027-06-21T10:00", PARIS));
        }

        @Test
        void a_french_number_takes_four_dials_in_thirty_days() {
            assertThat(JurisdictionRules.impliedLimits(Jurisdiction.FR, PARIS_NUMBER)).containsExactly(new AttemptLimit(4, 720));
        }
    }
}
