package io.outbound.campaign.internal.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ContactZoneTest {

    @Test
    void the_key_is_the_region_then_the_sorted_zones() {
        assertThat(new ContactZone("US-FL", List.of("America/New_York")).key()).isEqualTo("US-FL|America/New_York");
        assertThat(new ContactZone("US", List.of("America/Denver", "America/Chicago", "America/Denver")).key())
                .isEqualTo("US|America/Chicago,America/Denver");
        assertThat(ContactZone.UNKNOWN.key()).isEqualTo("|");
        assertThat(new ContactZone("", List.of("Europe/Paris")).key()).isEqualTo("|Europe/Paris");
        assertThat(new ContactZone("GB", List.of()).key()).isEqualTo("GB|");
    }

    @Test
    void a_zone_list_too_long_for_the_key_is_written_as_all_zones_of_the_region() {
        ContactZone nanpa = ContactZones.resolve("+13275550123", null);

        assertThat(nanpa.zones()).hasSizeGreaterThan(30).contains("America/New_York", "Pacific/Guam");
        assertThat(nanpa.key()).isEqualTo("US|*");
        assertThat(ContactZone.parse("US|*")).isEqualTo(nanpa);
        assertThat(new ContactZone("", nanpa.zones()).key()).as("no region to fall back to: unknown").isEqualTo("|");
    }

    @Test
    void parse_rejects_what_is_no_key_naming_the_value() {
        for (String bad : new String[] {"US", "us|America/New_York", "US|A|B", "USA|Europe/Paris", "US|a,,b",
                "US-F|America/New_York", "|*"}) {
            assertThatThrownBy(() -> ContactZone.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a contact zone key must be region|zone,zone..., was " + bad);
        }
        assertThatThrownBy(() -> ContactZone.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("was null");
    }

    @Test
    void a_region_is_empty_a_region_code_or_a_state() {
        assertThatThrownBy(() -> new ContactZone("usa", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("contact region must be empty, a region code like US or a state like US-FL, was usa");
    }

    @Provide
    Arbitrary<ContactZone> zones() {
        Arbitrary<String> region = Arbitraries.of("", "US", "US-FL", "US-OK", "US-MD", "CA", "FR", "GB", "AU");
        Arbitrary<List<String>> zones = Arbitraries.of("America/New_York", "America/Chicago", "America/Denver",
                "America/Los_Angeles", "America/Boise", "America/St_Johns", "Europe/Paris", "Europe/London",
                "Pacific/Honolulu", "Asia/Kolkata", "Australia/Lord_Howe").list().ofMaxSize(6);
        return net.jqwik.api.Combinators.combine(region, zones).as(ContactZone::new);
    }

    @Property(tries = 300)
    void a_key_reads_back_as_the_same_contact_zone(@ForAll("zones") ContactZone zone) {
        assertThat(zone.key()).hasSizeLessThanOrEqualTo(ContactZone.MAX_KEY_LENGTH);
        assertThat(ContactZone.parse(zone.key())).isEqualTo(zone);
        assertThat(ContactZone.parse(zone.key()).key()).isEqualTo(zone.key());
    }
}
