package io.outbound.campaign;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.outbound.campaign.internal.validation.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the service's JSON. The model records carry their own Jackson annotations, so any
 * {@code ObjectMapper} maps them; this class adds what a host's endpoint needs on top: every unknown
 * field reported (a typo such as {@code max_concurency} is never silently ignored), type errors named by
 * JSON path, and for create and update bodies the request's own validation, all in one
 * {@code VALIDATION_FAILED}. Malformed JSON is {@code MALFORMED_REQUEST} with the line and column.
 */
public final class CampaignJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

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
     * @throws CampaignException {@code MALFORMED_REQUEST} when the text is not JSON, {@code VALIDATION_FAILED}
     *                           listing unknown fields, values of the wrong type and (for create and update
     *                           requests) every rule the request breaks
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return read(MAPPER.createParser(json), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #read(String, Class)}, from a stream (not closed). */
    public static <T> T read(InputStream json, Class<T> type) {
        try {
            JsonParser parser = MAPPER.createParser(json);
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return read(parser, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(JsonParser parser, Class<T> type) throws IOException {
        List<FieldError> problems = new ArrayList<>();
        T value;
        try (parser) {
            value = MAPPER.readerFor(type).withHandler(new UnknownFieldCollector(problems)).readValue(parser);
        } catch (InvalidFormatException e) {
            problems.add(new FieldError(path(e), String.valueOf(e.getValue()), "is not a valid "
                    + e.getTargetType().getSimpleName()));
            throw CampaignException.validation(problems);
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new CampaignException(ErrorCode.MALFORMED_REQUEST,
                        "request body must be a JSON object: " + e.getOriginalMessage());
            }
            problems.add(new FieldError(path(e), null, "has the wrong type: " + firstLine(e.getOriginalMessage())));
            throw CampaignException.validation(problems);
        } catch (JsonMappingException e) {
            CampaignException cause = campaignCause(e);
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
            throw new CampaignException(ErrorCode.MALFORMED_REQUEST, "malformed JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + firstLine(e.getOriginalMessage()));
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

    private static CampaignException campaignCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CampaignException c) {
                return c;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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
            List<String> parts = new ArrayList<>();
            var context = p.getParsingContext();
            // The current context is the object holding the unknown field; walk up from its parent.
            for (var ctx = context == null ? null : context.getParent(); ctx != null && !ctx.inRoot();
                 ctx = ctx.getParent()) {
                if (ctx.inArray()) {
                    parts.add(0, "[" + ctx.getCurrentIndex() + "]");
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
}
