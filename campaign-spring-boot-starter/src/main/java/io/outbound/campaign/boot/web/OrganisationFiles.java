package io.outbound.campaign.boot.web;

import io.outbound.campaign.CampaignException;
import java.nio.charset.StandardCharsets;

/**
 * Where an organisation's uploads live: {@code orgs/<organisation>/}, the folder {@code POST /files/upload-url} puts
 * every key in. Keys under {@code orgs/} belong to the organisation their folder names, and a campaign or a
 * suppression import may only read its own organisation's; a key outside {@code orgs/} is the application's to
 * hand out (a file it wrote to the {@code FileStore} itself), and the application's to keep apart.
 */
final class OrganisationFiles {
    private static final String ROOT = "orgs/";
    /** What an organisation id keeps as itself in its folder's name; every other byte is percent-encoded. */
    private static final String KEPT = "-._~";

    private OrganisationFiles() {
    }

    /**
     * The organisation's folder. The id is written so that no two organisations share a folder and none reaches
     * into another's: a {@code /}, a {@code %} or any character a key may not hold is percent-encoded (organisation
     * {@code a/b} is {@code orgs/a%2Fb/}, never below {@code orgs/a/}).
     */
    static String folder(String org) {
        StringBuilder out = new StringBuilder(ROOT);
        boolean dotsOnly = org.chars().allMatch(c -> c == '.');
        for (byte b : org.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean kept = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || KEPT.indexOf(c) >= 0 && !(dotsOnly && c == '.');
            if (kept) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.append('/').toString();
    }

    /**
     * Checks that a key the request names may be read for the organisation: outside {@code orgs/}, or inside its
     * own folder.
     *
     * @throws CampaignException {@code VALIDATION_FAILED} naming the field when the key lies in another
     *                           organisation's folder
     */
    static void checkReadable(String field, String key, String org) {
        if (key != null && key.startsWith(ROOT) && !key.startsWith(folder(org))) {
            throw CampaignException.validation(field, key, "must be a key returned by POST /files/upload-url for"
                    + " this organisation (starting with '" + folder(org) + "'), or one outside '" + ROOT + "'");
        }
    }
}
