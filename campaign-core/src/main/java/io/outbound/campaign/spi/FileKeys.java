package io.outbound.campaign.spi;

import io.outbound.campaign.CampaignException;

/**
 * The rule every {@link FileStore} applies to keys, so that no key escapes a store's root: a key is
 * a non-blank relative path of {@code /}-separated segments, none of them empty, {@code .} or
 * {@code ..}; no leading {@code /} or {@code \}, no backslash, no drive letter ({@code C:}), no control
 * character, at most {@value #MAX_LENGTH} characters.
 */
public final class FileKeys {

    /** The longest key accepted. */
    public static final int MAX_LENGTH = 1024;

    private FileKeys() {
    }

    /**
     * Checks a key.
     *
     * @param field the name of the field that carried the key, for the error ({@code key},
     *              {@code contacts_file_key})
     * @return the key, unchanged
     * @throws CampaignException {@code VALIDATION_FAILED} naming the field and the key when it is not acceptable
     */
    public static String validate(String field, String key) {
        String problem = problem(key);
        if (problem != null) {
            throw CampaignException.validation(field, key, problem);
        }
        return key;
    }

    /** The problem with a key, or {@code null} when it is acceptable. */
    public static String problem(String key) {
        if (key == null || key.isBlank()) {
            return "must not be blank";
        }
        if (key.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (key.startsWith("/") || key.startsWith("\\")) {
            return "must be a relative path, not an absolute one";
        }
        if (key.length() >= 2 && key.charAt(1) == ':' && Character.isLetter(key.charAt(0))) {
            return "must be a relative path, not one with a drive letter";
        }
        if (key.indexOf('\\') >= 0) {
            return "must use '/' as separator, not '\\'";
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return "must not contain control characters";
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return "must not contain empty path segments";
            }
            if (segment.equals("..") || segment.equals(".")) {
                return "must not contain '.' or '..' segments";
            }
        }
        return null;
    }
}
