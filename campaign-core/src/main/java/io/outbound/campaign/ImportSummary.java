package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What became of a contacts file: {@code rows = accepted + rejected + duplicates}.
 *
 * @param rows       data rows read (the header not counted)
 * @param accepted   contacts stored
 * @param rejected   rows refused for a bad number or a malformed row
 * @param duplicates rows whose number an earlier row already had
 * @param errors     the first {@link #MAX_ERRORS} rejections and duplicates, in file order
 */
@JsonPropertyOrder({"rows", "accepted", "rejected", "duplicates", "errors"})
public record ImportSummary(
        @JsonProperty("rows") long rows,
        @JsonProperty("accepted") long accepted,
        @JsonProperty("rejected") long rejected,
        @JsonProperty("duplicates") long duplicates,
        @JsonProperty("errors") List<ImportError> errors) {

    /** How many errors a summary keeps. */
    public static final int MAX_ERRORS = 100;

    public ImportSummary {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
