package io.outbound.campaign.internal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ContactZonesTest {

    private static ContactZone resolve(String number) {
        return ContactZones.resolve(number, null);
    }

    @Nested
    class FromTheNumber {

        @Test
        void a_new_york_number_is_in_new_york() {
            assertThat(resolve("+12125550123")).isEqualTo(new ContactZone("US", List.of("America/New_York")));
        }

        @Test
        void a_los_angeles_number_is_in_los_angeles() {
            assertThat(resolve("+13105550123")).isEqualTo(new ContactZone("US", List.of("America/Los_Angeles")));
        }

        @Test
        void numbers_of_florida_oklahoma_and_maryland_area_codes_carry_their_state() {
            assertThat(resolve("+13055550123")).isEqualTo(new ContactZone("US-FL", List.of("America/New_York")));
            assertThat(resolve("+14055550123")).isEqualTo(new ContactZone("US-OK", List.of("America/Chicago")));
            assertThat(resolve("+14105550123")).isEqualTo(new ContactZone("US-MD", List.of("America/New_York")));
        }

        @Test
        void orlandos_689_is_eastern_and_floridas_new_overlays_take_their_parents_zones() {
            assertThat(resolve("+16895550123")).isEqualTo(new ContactZone("US-FL", List.of("America/New_York")));
            assertThat(resolve("+17285550123").zones()).containsExactly("America/New_York");
            assertThat(resolve("+14485550123").zones()).containsExactly("America/Chicago", "America/New_York");
        }

        @Test
        void a_toronto_number_is_canadian_and_in_toronto() {
            assertThat(resolve("+14165550123")).isEqualTo(new ContactZone("CA", List.of("America/Toronto")));
        }

        @Test
        void a_paris_number_is_french_and_in_paris() {
            assertThat(resolve("+33142345678")).isEqualTo(new ContactZone("FR", List.of("Europe/Paris")));
            assertThat(resolve("+33612345678")).isEqualTo(new ContactZone("FR", List.of("Europe/Paris")));
        }

        @Test
        void a_london_number_is_british_and_in_london() {
            assertThat(resolve("+442071234567")).isEqualTo(new ContactZone("GB", List.of("Europe/London")));
        }

        @Test
        void an_idaho_number_has_both_of_idahos_zones() {
            assertThat(resolve("+12085550123"))
                    .isEqualTo(new ContactZone("US", List.of("America/Boise", "America/Los_Angeles")));
        }

        @Test
        void exchanges_of_one_area_code_in_different_zones_are_told_apart_whichever_comes_first() {
            // 850 is Florida's panhandle: Tallahassee (222) is Eastern, Panama City (231) Central.
            assertThat(resolve("+18502221234").zones()).containsExactly("America/New_York");
            assertThat(resolve("+18502311234").zones()).containsExactly("America/Chicago");
            assertThat(resolve("+18502221234").zones()).containsExactly("America/New_York");
        }

        @Test
        void a_number_whose_prefix_the_data_does_not_list_gets_all_zones_of_its_calling_code() {
            // Arkansas's 327 overlay (2021) is missing from the bundled data.
            ContactZone overlay = resolve("+13275550123");

            assertThat(overlay.region()).isEqualTo("US");
            assertThat(overlay.zones()).contains("America/New_York", "America/Los_Angeles", "Pacific/Honolulu",
                    "America/St_Johns");
        }

        @Test
        void an_italian_number_keeps_its_leading_zero() {
            assertThat(resolve("+390612345678")).isEqualTo(new ContactZone("IT", List.of("Europe/Rome")));
        }

        @Test
        void contacts_in_the_same_place_share_one_instance() {
            assertThat(resolve("+12125550123")).isSameAs(resolve("+12125559876"));
        }

        @Test
        void text_that_is_no_e164_number_gives_nothing() {
            assertThat(resolve(null)).isEqualTo(ContactZone.UNKNOWN);
            assertThat(resolve("2125550123")).isEqualTo(ContactZone.UNKNOWN);
            assertThat(resolve("+1 212 555 0123")).isEqualTo(ContactZone.UNKNOWN);
            assertThat(resolve("+0123")).isEqualTo(ContactZone.UNKNOWN);
        }
    }

    @Nested
    class FromTheTimezoneColumn {

        @Test
        void a_valid_zone_wins_over_the_number_and_the_region_still_comes_from_the_number() {
            assertThat(ContactZones.resolve("+13055550123", "America/Los_Angeles"))
                    .isEqualTo(new ContactZone("US-FL", List.of("America/Los_Angeles")));
        }

        @Test
        void the_zone_is_trimmed_and_matched_without_regard_to_case() {
            assertThat(ContactZones.resolve("+12125550123", "  america/chicago ").zones())
                    .containsExactly("America/Chicago");
        }

        @Test
        void offsets_abbreviations_and_unknown_names_leave_the_number_to_decide() {
            for (String value : new String[] {"", "  ", "+05:00", "UTC-5", "EST", "PST8PDT", "UTC", "Etc/GMT+5",
                    "Mars/Olympus_Mons", "New York"}) {
                assertThat(ContactZones.resolve("+12125550123", value).zones()).as(value)
                        .containsExactly("America/New_York");
            }
        }

        @Test
        void a_zone_without_a_number_gives_a_zone_without_a_region() {
            assertThat(ContactZones.resolve("not a number", "Europe/Paris"))
                    .isEqualTo(new ContactZone("", List.of("Europe/Paris")));
        }
    }
}
