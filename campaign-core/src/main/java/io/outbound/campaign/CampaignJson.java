package io.outbound.campaign;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.outbound.campaign.internal.validation.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the service's JSON. The model records carry their own Jackson annotations, so any
 * {@code ObjectMapper} maps them; this class adds what a host's endpoint needs on top: every unknown
 * field reported (a typo such as {@code max_concurency} is never silently ignored), type errors named by
 * JSON path, and for create and update bodies the request's own validation, all in one
 * {@code VALIDATION_FAILED}. Malformed JSON is {@code MALFORMED_REQUEST} with the line and column.
 *
 * <p>Reading is strict where Jackson is lenient by default: a body is exactly one JSON value (anything after it
 * is {@code MALFORMED_REQUEST}), a field named twice is {@code MALFORMED_REQUEST}, and an integer field refuses a
 * number with a fraction or exponent ({@code 1.5}, {@code 5.0}: {@code VALIDATION_FAILED} "must be an integer")
 * while a quoted integer such as {@code "5"} is still read. Nesting deeper than 64 and numbers longer than 1,000
 * digits are {@code MALFORMED_REQUEST}. An error quotes at most {@value FieldError#MAX_VALUE_CHARS} characters
 * of a value. Nothing bounds the body's size here: a host caps it before reading (the sample host at 1 MiB).
 *
 * <p>A body read from bytes is UTF-8, as RFC 8259 asks of JSON exchanged between systems: one leading byte-order
 * mark is skipped, and bytes that are not UTF-8 (a body in UTF-16 or UTF-32 among them) are
 * {@code MALFORMED_REQUEST}. The encoding is never guessed from the first bytes, so a body that starts with zero
 * bytes is read as the UTF-8 text it is, and refused as malformed JSON like the same text given as a string.
 */
public final class CampaignJson {

    /** The longest parser message quoted in an error; a number it echoes may have a thousand digits. */
    private static final int MAX_MESSAGE_CHARS = 160;
    /** The longest JSON path quoted in an error (a path into deep nesting is long). */
    private static final int MAX_PATH_CHARS = 100;

    /** Strict where Jackson is lenient by default: a field named twice, a fraction read into an integer. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private CampaignJson() {
    }

    /** A mapper configured for the model (a copy: changing it does not affect this class). */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** The JSON text of a value. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a request body.
     *
     * @throws CampaignException {@code MALFORMED_REQUEST} when the text is not one JSON value within the parser's
     *                           limits, {@code VALIDATION_FAILED} listing unknown fields, values of the wrong type
     *                           and (for create and update requests) every rule the request breaks; no other
     *                           exception, whatever the text
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return read(MAPPER.createParser(json), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #read(String, Class)}, from a stream of UTF-8 bytes (not closed); see the class comment for the
     * encoding.
     *
     * @throws CampaignException     as {@link #read(String, Class)}, and {@code MALFORMED_REQUEST} when the bytes are
     *                               not UTF-8
     * @throws UncheckedIOException when the stream itself fails
     */
    public static <T> T read(InputStream json, Class<T> type) {
        try {
            JsonParser parser = MAPPER.createParser(utf8(json));
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return read(parser, type);
        } catch (IOException e) {
            CharacterCodingException notText = causeOf(e, CharacterCodingException.class);
            if (notText != null) {
                throw new CampaignException(ErrorCode.MALFORMED_REQUEST,
                        "request body is not UTF-8 text (JSON is read as UTF-8): " + notText.getMessage());
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The stream's text, decoded strictly as UTF-8, with one leading byte-order mark left out. */
    private static Reader utf8(InputStream bytes) throws IOException {
        PushbackReader text = new PushbackReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
        int first = text.read();
        if (first >= 0 && first != '\uFEFF') {
            text.unread(first);
        }
        return text;
    }

    private static <T> T read(JsonParser parser, Class<T> type) throws IOException {
        List<FieldError> problems = new ArrayList<>();
        T value;
        try (parser) {
            value = MAPPER.readerFor(type).withHandler(new UnknownFieldCollector(problems)).readValue(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw malformed(parser.currentTokenLocation(), "", "unexpected " + trailing.asString()
                        + " after the end of the request object (one JSON value per body)");
            }
        } catch (InvalidFormatException e) {
            problems.add(new FieldError(path(e), String.valueOf(e.getValue()), expected(e.getTargetType())));
            throw CampaignException.validation(problems);
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new CampaignException(ErrorCode.MALFORMED_REQUEST,
                        "request body must be a JSON object");
            }
            problems.add(new FieldError(path(e), null, wrongType(e)));
            throw CampaignException.validation(problems);
        } catch (JsonMappingException e) {
            // Databind wraps a parser limit met inside a value with the path where it happened.
            StreamConstraintsException limit = causeOf(e, StreamConstraintsException.class);
            if (limit != null) {
                throw malformed(limit, parser, path(e));
            }
            InputCoercionException range = causeOf(e, InputCoercionException.class);
            if (range != null) {
                problems.add(new FieldError(path(e), null, "is out of range of " + (range.getTargetType() == null
                        ? "its type" : range.getTargetType().getSimpleName())));
                throw CampaignException.validation(problems);
            }
            CampaignException cause = causeOf(e, CampaignException.class);
            if (cause != null && cause.code() == ErrorCode.VALIDATION_FAILED) {
                List<FieldError> merged = new ArrayList<>(problems);
                String at = path(e);
                for (FieldError error : cause.fieldErrors()) {
                    merged.add(new FieldError(at.isEmpty() ? error.field() : at, error.value(), error.message()));
                }
                throw CampaignException.validation(merged);
            }
            problems.add(new FieldError(path(e), null, firstLine(e.getOriginalMessage())));
            throw CampaignException.validation(problems);
        } catch (JacksonException e) {
            throw malformed(e, parser, null);
        }
        if (value == null) {
            throw new CampaignException(ErrorCode.MALFORMED_REQUEST, "request body must be a JSON object, was null");
        }
        if (value instanceof CreateCampaignRequest create) {
            problems.addAll(RequestValidator.violations(create));
        } else if (value instanceof UpdateCampaignRequest update) {
            problems.addAll(RequestValidator.violations(update));
        }
        if (!problems.isEmpty()) {
            throw CampaignException.validation(problems);
        }
        return value;
    }

    private static <X extends Throwable> X causeOf(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * {@code MALFORMED_REQUEST} saying where the text broke. A parser limit (number length, nesting depth) is
     * reported without a location of its own: the parser's position stands in for it.
     */
    private static CampaignException malformed(JacksonException e, JsonParser parser, String path) {
        return malformed(e.getLocation() != null ? e.getLocation() : parser.currentLocation(),
                path != null ? path : pathOf(parser.getParsingContext()), firstLine(e.getOriginalMessage()));
    }

    private static CampaignException malformed(JsonLocation at, String field, String problem) {
        StringBuilder message = new StringBuilder("malformed JSON");
        if (at != null && at.getLineNr() > 0) {
            message.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        if (!field.isEmpty()) {
            message.append(" in ").append(cut(field, MAX_PATH_CHARS));
        }
        message.append(": ").append(problem);
        return new CampaignException(ErrorCode.MALFORMED_REQUEST, message.toString(), List.of(), null);
    }

    /** What a value of the target type must be: {@code must be an integer} for every integral type. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "must be an integer";
        }
        return "is not a valid " + type.getSimpleName();
    }

    /** A field's value of the wrong kind, said in the model's terms rather than Jackson's (no Java type names). */
    private static String wrongType(MismatchedInputException e) {
        Class<?> type = e.getTargetType();
        String expected;
        if (type == null) {
            expected = "has the wrong type";
        } else if (type == String.class || type.isEnum()) {
            expected = "must be a string";
        } else if (type == Boolean.class || type == boolean.class) {
            expected = "must be true or false";
        } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            expected = expected(type).startsWith("must") ? expected(type) : "must be a number";
        } else if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            expected = "must be a list";
        } else {
            expected = "must be a JSON object";
        }
        return expected;
    }

    /**
     * The first line of a parser's message, cut so that a value it quotes (a 1,000-digit number) stays short, and
     * without what only a Java programmer reads in it: qualified class names, Jackson's feature switches.
     */
    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        // "(1000, from `StreamReadConstraints.getMaxNumberLength()`)": the setting's name means nothing to a client.
        line = line.replaceAll(", from `[^`]*`", "")
                // "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"
                .replaceAll(":? ?\\(?(or )?enable `[^`]*`( to allow)?\\)?", "")
                // "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled"
                .replaceAll(" ?\\([^()]*Feature[^()]*\\)", "")
                // "`java.lang.String`", "`io.outbound.campaign.CreateCampaignRequest`": the simple name
                .replaceAll("`(?:[A-Za-z_$][\\w$]*\\.)+([A-Za-z_$][\\w$]*)`", "$1")
                .replaceAll("\\(token `JsonToken\\.[A-Z_]+`\\)", "");
        return cut(line, MAX_MESSAGE_CHARS);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** {@code calling_hours.slots[1].end} from Jackson's reference chain. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Notes every unknown field with its path and skips it, so that all of them are reported together. */
    private static final class UnknownFieldCollector extends DeserializationProblemHandler {
        private final List<FieldError> problems;

        UnknownFieldCollector(List<FieldError> problems) {
            this.problems = problems;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                                             JsonDeserializer<?> deserializer, Object beanOrClass,
                                             String propertyName) throws IOException {
            String parent = parentPath(p);
            String field = parent.isEmpty() ? propertyName : parent + "." + propertyName;
            problems.add(new FieldError(field, null, "is not a known field"));
            p.skipChildren();
            return true;
        }

        private static String parentPath(JsonParser p) {
            // The current context is the object holding the unknown field; its parent names where that is.
            var context = p.getParsingContext();
            return context == null ? "" : pathOf(context.getParent());
        }
    }

    /** {@code calling_hours.slots[1]} from a parser's context and its parents. */
    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (var ctx = context; ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                parts.add(0, "[" + Math.max(ctx.getCurrentIndex(), 0) + "]");
            } else if (ctx.getCurrentName() != null) {
                parts.add(0, ctx.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }
}
