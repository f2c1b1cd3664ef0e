package io.outbound.campaign.internal.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

/**
 * Stands between a contacts file and the CSV parser so that the parser never holds more than a bounded record,
 * whatever the file: it hands on at most {@code maxFieldLength + 1} characters of any field and at most
 * {@code maxColumns + 1} fields of any record, and drops the rest as it streams past. The parser builds a whole
 * record in memory before anyone can look at it, so a quoted field of 95 MB full of line breaks used to take
 * 190 MB of heap; now it takes {@code maxFieldLength + 1} characters.
 *
 * <p>Nothing is truncated silently: a cut field is still one character over the limit and a cut record still has
 * one field too many, so {@link ContactRows} rejects the row as it would have rejected the whole one. Only the
 * length it could report is lost ("longer than", "more than").
 *
 * <p>To know where a field ends it follows the lexical rules of the parser's format, RFC 4180 without escapes:
 * a field is quoted when its first character is {@code "}, inside quotes {@code ""} is one quote and line breaks
 * are data, whitespace may follow a closing quote, and CR, LF or CRLF outside quotes ends a record.
 *
 * <p>Line breaks dropped with a field would shift every later line number the parser counts, so each is noted
 * with the number of line breaks handed on before it, and {@link #fileLines(long)} turns the parser's count back
 * into the file's. A quote never closed, and a character after a closing quote, are reported here when the field
 * they are in was dropped, since the parser never sees them.
 */
final class BoundedFieldReader extends Reader {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_QUOTE }

    private final Reader in;
    private final long maxFieldChars;
    private final int maxFields;
    private final char[] input = new char[8192];
    private int inputPosition;
    private int inputLength;
    /** What the parser gets of one chunk of input: at most two characters for each (a withheld quote and one). */
    private final char[] output = new char[2 * 8192];
    private int outputPosition;
    private int outputLength;
    private boolean endOfInput;
    private IOException pending;

    private State state = State.FIELD_START;
    /** Characters of the current field's value so far (a doubled quote is one). */
    private long fieldChars;
    /** Fields of the current record before the current one. */
    private long fieldIndex;
    /** The quote seen inside a quoted field was kept back: it is a closing quote or half of a dropped pair. */
    private boolean quoteWithheld;
    private boolean previousWasCarriageReturn;
    private char lastDelivered;

    /** Line breaks in the file so far, CRLF counted once. */
    private long fileLineBreaks;
    private long quoteOpenedOnLine;
    /** Line breaks handed on so far, counted as the parser counts them. */
    private long deliveredLineBreaks;
    /** Dropped line breaks as pairs {line breaks handed on before them, how many}, oldest first. */
    private final ArrayDeque<long[]> dropped = new ArrayDeque<>();
    private long droppedBeforeQuery;

    /**
     * @param in             the decoded file
     * @param maxFieldLength the longest field accepted; one character more is handed on to show it was longer
     * @param maxColumns     the most fields a record may have; one more is handed on to show it had more
     */
    BoundedFieldReader(Reader in, int maxFieldLength, int maxColumns) {
        this.in = in;
        this.maxFieldChars = maxFieldLength + 1L;
        this.maxFields = maxColumns + 1;
    }

    /**
     * The file's line count where the parser counts {@code parserLines} (just after the line break that ended a
     * record). Calls must come in the order the parser reads, with counts that never go down.
     */
    long fileLines(long parserLines) {
        while (!dropped.isEmpty() && dropped.peekFirst()[0] < parserLines) {
            droppedBeforeQuery += dropped.pollFirst()[1];
        }
        return parserLines + droppedBeforeQuery;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (length == 0) {
            return 0;
        }
        // A dropped span hands on nothing: read on until something is handed on or the file ends.
        while (outputPosition == outputLength) {
            outputPosition = 0;
            outputLength = 0;
            if (inputPosition == inputLength && (endOfInput || !fill())) {
                outputLength = atEnd(output);
                if (outputLength == 0) {
                    return -1;
                }
            }
            while (inputPosition < inputLength) {
                char c = input[inputPosition];
                if (state == State.FIELD_START && c != '"' && c != ',' && c != '\r' && c != '\n') {
                    state = State.UNQUOTED;
                }
                if (state == State.UNQUOTED || state == State.QUOTED) {
                    copyRun();
                    if (inputPosition == inputLength) {
                        break;
                    }
                    c = input[inputPosition];
                }
                if (c == ',' && state != State.QUOTED && state != State.QUOTE_IN_QUOTED) {
                    // The commonest separator, taken here rather than through accept.
                    inputPosition++;
                    previousWasCarriageReturn = false;
                    outputLength += separator(c, output, outputLength);
                    continue;
                }
                outputLength += accept(input[inputPosition++], output, outputLength);
            }
        }
        int n = Math.min(length, outputLength - outputPosition);
        System.arraycopy(output, outputPosition, buffer, offset, n);
        outputPosition += n;
        return n;
    }

    private boolean fill() throws IOException {
        int n = in.read(input, 0, input.length);
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        inputPosition = 0;
        inputLength = n;
        return true;
    }

    /**
     * Inside a field, takes the characters up to the next one that can end it (or, quoted, a line break) in one
     * go, handing on what of them is within the limit: most of a file is such runs, and this keeps them fast.
     */
    private void copyRun() {
        char stop = state == State.QUOTED ? '"' : ',';
        long room = fieldDropped() ? 0 : Math.max(0, maxFieldChars - fieldChars);
        int start = inputPosition;
        int end = start;
        int out = outputLength;
        while (end < inputLength) {
            char c = input[end];
            if (c == stop || c == '\r' || c == '\n') {
                break;
            }
            if (end - start < room) {
                output[out++] = c;
            }
            end++;
        }
        if (out > outputLength) {
            lastDelivered = output[out - 1];
            outputLength = out;
        }
        if (end > start) {
            fieldChars += end - start;
            previousWasCarriageReturn = false;
            inputPosition = end;
        }
    }

    /** At the end of the file: hands on a withheld closing quote, or reports a quote never closed. */
    private int atEnd(char[] buffer) throws IOException {
        if (state == State.QUOTE_IN_QUOTED) {
            state = State.AFTER_QUOTE;
            if (quoteWithheld && !fieldDropped()) {
                quoteWithheld = false;
                return deliver('"', buffer, 0);
            }
        } else if (state == State.QUOTED) {
            pending = new ContactFileProblem("contacts file has a quoted field opened on line " + quoteOpenedOnLine
                    + " that is never closed");
            throw pending;
        }
        return 0;
    }

    /**
     * Takes one character of the file and writes what of it the parser gets (none, one or two characters: a
     * withheld quote goes out with the character after it) at {@code at}; returns how many.
     */
    private int accept(char c, char[] buffer, int at) throws IOException {
        boolean lineBreak = c == '\r' || (c == '\n' && !previousWasCarriageReturn);
        if (lineBreak) {
            fileLineBreaks++;
        }
        boolean crlf = c == '\n' && previousWasCarriageReturn;
        previousWasCarriageReturn = c == '\r';
        switch (state) {
            case FIELD_START -> {
                if (crlf) {
                    return deliver(c, buffer, at);
                }
                if (c == '"') {
                    state = State.QUOTED;
                    quoteOpenedOnLine = fileLineBreaks + 1;
                    return fieldDropped() ? 0 : deliver(c, buffer, at);
                }
                return unquoted(c, lineBreak, buffer, at);
            }
            case UNQUOTED -> {
                return unquoted(c, lineBreak, buffer, at);
            }
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                    quoteWithheld = fieldDropped() || fieldChars >= maxFieldChars;
                    return quoteWithheld ? 0 : deliver(c, buffer, at);
                }
                return value(c, lineBreak, buffer, at);
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED;
                    if (quoteWithheld) {
                        // The pair is one quote of the value, past the limit: both halves are dropped.
                        quoteWithheld = false;
                        fieldChars++;
                        return 0;
                    }
                    return value(c, false, buffer, at);
                }
                state = State.AFTER_QUOTE;
                int written = 0;
                if (quoteWithheld) {
                    quoteWithheld = false;
                    if (!fieldDropped()) {
                        written = deliver('"', buffer, at);
                    }
                }
                return written + afterQuote(c, lineBreak, buffer, at + written);
            }
            default -> {
                return afterQuote(c, lineBreak, buffer, at);
            }
        }
    }

    private int unquoted(char c, boolean lineBreak, char[] buffer, int at) throws IOException {
        if (c == ',' || c == '\r' || c == '\n') {
            return separator(c, buffer, at);
        }
        state = State.UNQUOTED;
        return value(c, lineBreak, buffer, at);
    }

    private int afterQuote(char c, boolean lineBreak, char[] buffer, int at) throws IOException {
        if (c == ',' || c == '\r' || c == '\n') {
            return separator(c, buffer, at);
        }
        if (fieldDropped()) {
            if (!Character.isWhitespace(c)) {
                pending = new ContactFileProblem("contacts file has a character after a closing quote on line "
                        + (fileLineBreaks + 1) + " (a quote inside a quoted field is written twice: \"\")");
                throw pending;
            }
            return 0;
        }
        // Whitespace is skipped by the parser; anything else makes it refuse the file, as it should.
        return deliver(c, buffer, at);
    }

    /** A delimiter or a line break outside quotes: the field ends, and with a line break the record. */
    private int separator(char c, char[] buffer, int at) throws IOException {
        fieldChars = 0;
        state = State.FIELD_START;
        if (c == ',') {
            fieldIndex++;
            return fieldDropped() ? 0 : deliver(c, buffer, at);
        }
        fieldIndex = 0;
        return deliver(c, buffer, at);
    }

    /** A character of a field's value: handed on up to the limit and one more, dropped after. */
    private int value(char c, boolean lineBreak, char[] buffer, int at) {
        fieldChars++;
        if (fieldDropped() || fieldChars > maxFieldChars) {
            if (lineBreak) {
                noteDroppedLineBreak();
            }
            return 0;
        }
        return deliver(c, buffer, at);
    }

    private boolean fieldDropped() {
        return fieldIndex >= maxFields;
    }

    private void noteDroppedLineBreak() {
        long[] last = dropped.peekLast();
        if (last != null && last[0] == deliveredLineBreaks) {
            last[1]++;
        } else {
            dropped.addLast(new long[] {deliveredLineBreaks, 1});
        }
    }

    private int deliver(char c, char[] buffer, int at) {
        if (c == '\r' || (c == '\n' && lastDelivered != '\r')) {
            deliveredLineBreaks++;
        }
        lastDelivered = c;
        buffer[at] = c;
        return 1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
