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

    /**
     * The requested page of a whole listing already in order: for a store that holds its listing in memory. The
     * {@code total} is the listing's size; a page past its end is empty.
     *
     * @param all     every item of the listing, in the listing's order
     * @param request which page
     */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = (int) Math.min(all.size(), request.offset());
        int to = (int) Math.min(all.size(), request.offset() + request.limit());
        return new Page<>(all.subList(from, to), request.page(), request.limit(), all.size());
    }
}
