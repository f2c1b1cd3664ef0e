package io.outbound.campaign.samples;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A contact list made up for the demo: valid US numbers in the 555 exchanges of San Francisco (415) and
 * New York (212), with a name, a company and a note each.
 */
public final class DemoContacts {

    private static final List<String> FIRST = List.of("Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace",
            "Hiro", "Ines", "Jamal", "Kira", "Luis", "Maya", "Noah", "Olga", "Priya");
    private static final List<String> LAST = List.of("Smith", "Jones", "Garcia", "Chen", "Okafor", "Novak",
            "Silva", "Kim", "Haddad", "Moreau", "Rossi", "Tanaka");
    private static final List<String> COMPANIES = List.of("Acme Corp", "Widget Inc", "Globex", "Initech",
            "Umbrella Health", "Stark Logistics", "Wayne Foods", "Hooli");
    private static final List<String> NOTES = List.of("Interested in Enterprise", "Needs follow-up",
            "Renewal due in June", "Asked for pricing", "Met at trade show");

    private DemoContacts() {
    }

    /** The number of the {@code index}-th contact: {@code +1415555xxxx} then {@code +1212555xxxx}. */
    public static String phoneNumber(int index) {
        if (index < 0 || index >= 20_000) {
            throw new IllegalArgumentException("index must be between 0 and 19999, was " + index);
        }
        return (index < 10_000 ? "+1415555" : "+1212555") + String.format("%04d", index % 10_000);
    }

    /** A CSV with a header and {@code count} contacts, at most 20,000. */
    public static String csv(int count) {
        StringBuilder csv = new StringBuilder("phone_number,name,company,notes\n");
        for (int i = 0; i < count; i++) {
            csv.append(phoneNumber(i)).append(',')
                    .append(FIRST.get(i % FIRST.size())).append(' ').append(LAST.get((i / FIRST.size()) % LAST.size()))
                    .append(',').append(COMPANIES.get(i % COMPANIES.size()))
                    .append(',').append(NOTES.get(i % NOTES.size())).append('\n');
        }
        return csv.toString();
    }

    /** The CSV as a stream. */
    public static InputStream stream(int count) {
        return new ByteArrayInputStream(csv(count).getBytes(StandardCharsets.UTF_8));
    }
}
