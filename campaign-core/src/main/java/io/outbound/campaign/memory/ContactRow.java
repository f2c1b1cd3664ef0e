package io.outbound.campaign.memory;

import io.outbound.campaign.rules.ContactFacts;
import java.util.List;

/** One contact: its place in the file and in its zone, its columns and its facts. */
final class ContactRow {
    final int index;
    final long seq;
    final String phoneNumber;
    final List<String> values;
    final int zone;
    /** Its position among its zone's contacts. */
    int zoneIndex;
    ContactFacts facts = ContactFacts.IMPORTED;

    ContactRow(int index, long seq, String phoneNumber, List<String> values, int zone) {
        this.index = index;
        this.seq = seq;
        this.phoneNumber = phoneNumber;
        this.values = values;
        this.zone = zone;
    }
}
