package io.outbound.campaign.internal.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a contacts file as strict UTF-8, dropping a leading byte-order mark, and counts line breaks as it goes,
 * so that bytes that are not UTF-8 are reported with the line they are on. {@link java.io.InputStreamReader}
 * cannot say where: it decodes ahead of the parser and loses its place. (How much of a line reaches the parser is
 * {@link BoundedFieldReader}'s business.)
 */
final class Utf8LineReader extends Reader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean atStart = true;
    private boolean lastWasCarriageReturn;
    private boolean malformed;
    private long lineBreaks;
    private ContactFileProblem pending;

    Utf8LineReader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (length == 0) {
            return 0;
        }
        int produced = 0;
        while (produced == 0 && !malformed && !(endOfInput && !bytes.hasRemaining())) {
            produced = decode(buffer, offset, length);
            if (produced > 0 && atStart) {
                atStart = false;
                if (buffer[offset] == BYTE_ORDER_MARK) {
                    System.arraycopy(buffer, offset + 1, buffer, offset, produced - 1);
                    produced--;
                }
            }
        }
        count(buffer, offset, produced);
        if (malformed) {
            // The characters before the bad bytes go to the parser first; the error comes with the next read.
            pending = new ContactFileProblem("contacts file is not valid UTF-8 on line " + (lineBreaks + 1));
            if (produced == 0) {
                throw pending;
            }
        }
        return produced == 0 ? -1 : produced;
    }

    private int decode(char[] buffer, int offset, int length) throws IOException {
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                malformed = true;
                return out.position() - offset;
            }
            if (result.isOverflow() || out.position() > offset) {
                return out.position() - offset;
            }
            if (endOfInput) {
                decoder.flush(out);
                return out.position() - offset;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    private void count(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (c == '\n') {
                if (!lastWasCarriageReturn) {
                    lineBreaks++;
                }
                lastWasCarriageReturn = false;
            } else if (c == '\r') {
                lineBreaks++;
                lastWasCarriageReturn = true;
            } else {
                lastWasCarriageReturn = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
