package io.outbound.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Page#of}: a page of a listing a store holds whole. */
class PageTest {
    private static final List<Integer> SEVEN = IntStream.rangeClosed(1, 7).boxed().toList();

    @Test
    void aPageHoldsItsSliceOfTheListingAndTheListingsTotal() {
        Page<Integer> second = Page.of(SEVEN, new PageRequest(2, 3));

        assertThat(second.items()).containsExactly(4, 5, 6);
        assertThat(second.page()).isEqualTo(2);
        assertThat(second.limit()).isEqualTo(3);
        assertThat(second.total()).isEqualTo(7);
    }

    @Test
    void theLastPageIsShortAndAPagePastTheEndIsEmpty() {
        assertThat(Page.of(SEVEN, new PageRequest(3, 3)).items()).containsExactly(7);
        Page<Integer> past = Page.of(SEVEN, new PageRequest(4, 3));
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(7);
        assertThat(Page.of(List.<Integer>of(), PageRequest.first()).items()).isEmpty();
    }

    @Test
    void aPageFarPastTheEndDoesNotOverflow() {
        Page<Integer> far = Page.of(SEVEN, new PageRequest(Integer.MAX_VALUE, PageRequest.MAX_LIMIT));

        assertThat(far.items()).isEmpty();
        assertThat(far.page()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aPageIsACopyThatTheListingsLaterChangesDoNotReach() {
        List<Integer> listing = new java.util.ArrayList<>(SEVEN);
        Page<Integer> first = Page.of(listing, new PageRequest(1, 2));
        listing.set(0, 100);

        assertThat(first.items()).containsExactly(1, 2);
    }
}
