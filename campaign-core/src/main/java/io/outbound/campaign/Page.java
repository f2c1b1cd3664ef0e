package io.outbound.campaign;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the page's items
 * @param page  the page number, from 1
 * @param limit the page size asked for
 * @param total how many items the whole listing has
 * @param <T>   the item type
 */
@JsonPropertyOrder({"items", "page", "limit", "total"})
public record Page<T>(
        @JsonProperty("items") List<T> items,
        @JsonProperty("page") int page,
        @JsonProperty("limit") int limit,
        @JsonProperty("total") long total) {

    public Page {
        items = List.copyOf(items);
    }
}
