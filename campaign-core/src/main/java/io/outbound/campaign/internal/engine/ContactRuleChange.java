package io.outbound.campaign.internal.engine;

import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ContactRules;
import io.outbound.campaign.internal.importer.ContactZoning;
import io.outbound.campaign.internal.local.ContactZones;
import java.util.Objects;

/** How a campaign's contact rules reach its import, and which changes of them an update may make. */
final class ContactRuleChange {

    private ContactRuleChange() {
    }

    /** The import's zoning for the rules: the zone column if any, zones resolved from each number. */
    static ContactZoning zoning(ContactRules rules) {
        return new ContactZoning(rules.timezoneColumn(), (number, zone) -> ContactZones.resolve(number, zone).key());
    }

    /**
     * The rules an update writes: {@code null} means the defaults with the campaign's zone column kept; a
     * different {@code timezone_column} is refused, since zones were resolved once at import.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming {@code contact_rules.timezone_column}
     */
    static ContactRules checked(Campaign campaign, ContactRules requested) {
        String column = campaign.contactRules().timezoneColumn();
        ContactRules rules = requested == null ? ContactRules.DEFAULT.withTimezoneColumn(column) : requested;
        if (!Objects.equals(column == null ? null : column.strip(),
                rules.timezoneColumn() == null ? null : rules.timezoneColumn().strip())) {
            throw CampaignException.validation("contact_rules.timezone_column", rules.timezoneColumn(),
                    "cannot change after create: contacts' zones were resolved at import (from "
                            + (column == null ? "their numbers" : "column '" + column + "'") + ")");
        }
        return rules;
    }
}
