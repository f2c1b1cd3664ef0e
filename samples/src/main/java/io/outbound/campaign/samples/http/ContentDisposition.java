package io.outbound.campaign.samples.http;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a file name taken from data (a file key), as RFC 6266 gives it: a
 * plain-ASCII {@code filename} for old clients, in which every character that could mean something in a header
 * or a file system becomes {@code _}, and the exact name as {@code filename*=UTF-8''...} with every byte outside
 * RFC 8187's {@code attr-char} percent-encoded. The value is ASCII whatever the name, so no character of a key
 * can end the header line or start another.
 */
final class ContentDisposition {
    /** RFC 8187 {@code attr-char} besides letters and digits: what {@code filename*} writes as itself. */
    private static final String ATTR_CHAR_PUNCTUATION = "!#$&+-.^_`|~";
    /** What the ASCII fallback keeps besides letters and digits: no quote, backslash, percent or control. */
    private static final String FALLBACK_PUNCTUATION = " !#$&'()+,-.;=@[]^_{}~";

    private ContentDisposition() {
    }

    /** {@code attachment; filename="..."; filename*=UTF-8''...} for the name. */
    static String attachment(String filename) {
        return "attachment; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''" + encode(filename);
    }

    private static String asciiFallback(String filename) {
        StringBuilder out = new StringBuilder(filename.length());
        filename.codePoints().forEach(c -> out.append(isAsciiAlphanumeric(c) || c < 0x80
                && FALLBACK_PUNCTUATION.indexOf(c) >= 0 ? (char) c : '_'));
        return out.toString();
    }

    private static String encode(String filename) {
        StringBuilder out = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAsciiAlphanumeric(c) || c < 0x80 && ATTR_CHAR_PUNCTUATION.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
