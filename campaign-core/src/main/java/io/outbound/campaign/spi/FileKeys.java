package io.outbound.campaign.spi;

import io.outbound.campaign.CampaignException;
import java.nio.charset.StandardCharsets;

/**
 * The rule every {@link FileStore} applies to keys, so that no key escapes a store's root and none carries a
 * character that could do harm where keys end up: in paths, URLs, HTTP headers, logs and spreadsheets.
 *
 * <p>A key is a relative path of {@code /}-separated segments, at most {@value #MAX_LENGTH} characters and as
 * many bytes in UTF-8 (S3's limit), each segment at most {@value #MAX_SEGMENT_BYTES} bytes in UTF-8 (the longest
 * file name common file systems hold), whose characters are drawn from this alphabet:
 * <ul>
 *   <li>ASCII letters and digits, the space, and {@code ! # $ % & ' ( ) + , - . ; = @ [ ] ^ _ { } ~};</li>
 *   <li>beyond ASCII, letters, combining marks, digits, punctuation and symbols (the Unicode general
 *       categories L, M, N, P and S), so {@code 連絡先 ☎.csv} is a key.</li>
 * </ul>
 * Everything else is refused: control characters, format characters (among them the bidirectional overrides
 * that make a name display differently from what it is), line and paragraph separators, white space other
 * than the space, private-use and unassigned code points, unpaired surrogates, and from ASCII
 * {@code " * : < > ? \ |} and the backtick. No segment may be empty, {@code .} or {@code ..}, and a key may not
 * start with a drive letter ({@code C:}) or a separator.
 *
 * <p>The alphabet does not make a key safe to paste into an HTTP header: {@code Ċ} (U+010A) is a letter, and a
 * server that writes each character as its low byte turns it into a line feed. A host that puts a key in a
 * header encodes it (RFC 6266 {@code filename*} for {@code Content-Disposition}).
 */
public final class FileKeys {

    /** The longest key accepted, in characters, and in bytes of UTF-8. */
    public static final int MAX_LENGTH = 1024;
    /** The longest segment of a key accepted, in bytes of UTF-8. */
    public static final int MAX_SEGMENT_BYTES = 255;

    /** The ASCII characters a key may hold besides letters, digits and {@code /}. */
    private static final String ASCII_PUNCTUATION = " !#$%&'()+,-.;=@[]^_{}~";

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
        for (int i = 0; i < key.length(); ) {
            int codePoint = key.codePointAt(i);
            if (!allowed(codePoint)) {
                return "must not contain " + describe(codePoint) + " at character " + (i + 1) + ": a key is"
                        + " letters, digits, punctuation, symbols, spaces and '/', without \" * : < > ? \\ | `";
            }
            i += Character.charCount(codePoint);
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " bytes in UTF-8";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return "must not contain empty path segments";
            }
            if (segment.equals("..") || segment.equals(".")) {
                return "must not contain '.' or '..' segments";
            }
            int bytes = segment.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_SEGMENT_BYTES) {
                return "must not have a path segment longer than " + MAX_SEGMENT_BYTES + " bytes in UTF-8 (one has "
                        + bytes + ")";
            }
        }
        return null;
    }

    private static boolean allowed(int codePoint) {
        if (codePoint < 0x80) {
            return codePoint >= 'a' && codePoint <= 'z' || codePoint >= 'A' && codePoint <= 'Z'
                    || codePoint >= '0' && codePoint <= '9' || codePoint == '/'
                    || ASCII_PUNCTUATION.indexOf(codePoint) >= 0;
        }
        switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** A refused character as the error names it: printable ones quoted, the others by code point only. */
    private static String describe(int codePoint) {
        String code = String.format("U+%04X", codePoint);
        if (codePoint < 0x80 && codePoint > 0x20 && codePoint != 0x7F) {
            return "'" + (char) codePoint + "' (" + code + ")";
        }
        return "the character " + code;
    }
}
