package io.outbound.campaign.boot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.spi.FileKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each organisation's uploads in a folder of its own, which no other organisation's id can name or reach into. */
class OrganisationFilesTest {
    private static final List<String> ORGANISATIONS = List.of("org-1", "a", "a/b", "a%2Fb", "..", ".", "acme.com",
            "Ärzte ohne Grenzen", "star*", "tab\there", "東京", "a/", "/a");

    @Test
    void every_organisation_id_gives_a_folder_that_is_a_valid_key() {
        for (String org : ORGANISATIONS) {
            assertThat(FileKeys.problem(OrganisationFiles.folder(org) + "june/contacts.csv")).as(org).isNull();
        }
        assertThat(OrganisationFiles.folder("org-1")).isEqualTo("orgs/org-1/");
    }

    @Test
    void no_organisations_folder_lies_in_or_equals_another_ones() {
        for (String one : ORGANISATIONS) {
            for (String other : ORGANISATIONS) {
                if (!one.equals(other)) {
                    assertThat(OrganisationFiles.folder(one)).as(one + " against " + other)
                            .doesNotStartWith(OrganisationFiles.folder(other));
                }
            }
        }
    }

    @Test
    void a_key_in_another_organisations_folder_is_refused_naming_the_field_and_others_are_readable() {
        String adas = OrganisationFiles.folder("a") + "june/contacts.csv";
        assertThatThrownBy(() -> OrganisationFiles.checkReadable("contacts_file_key", adas, "a/b"))
                .isInstanceOfSatisfying(CampaignException.class, e -> assertThat(e.fieldErrors())
                        .singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("contacts_file_key")));
        assertThatCode(() -> OrganisationFiles.checkReadable("contacts_file_key", adas, "a")).doesNotThrowAnyException();
        assertThatCode(() -> OrganisationFiles.checkReadable("file_key", "imports/optouts.csv", "a"))
                .as("a key the application wrote outside orgs/").doesNotThrowAnyException();
    }
}
