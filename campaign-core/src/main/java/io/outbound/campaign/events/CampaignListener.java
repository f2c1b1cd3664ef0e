package io.outbound.campaign.events;

/**
 * Told what happens inside the engine: campaign status changes, calls dialled and ended, failed dials, skipped
 * contacts. Register any number with {@code CampaignEngine.builder().listener(listener)}.
 *
 * <p><b>Delivery.</b> An event is published only after the store committed the change it describes, and is
 * delivered on the engine's single event thread, in the order the engine published it, never on the thread that
 * claims or dials. Events wait in a bounded queue ({@code CampaignEngine.Builder.eventQueueCapacity}); when a
 * listener is so slow that the queue is full, new events are dropped, counted
 * ({@code CampaignEngine.droppedEvents()}) and logged as a warning, rather than slowing the dialling down. A
 * listener that throws is logged with its stack trace and the others still receive the event. Delivery is at
 * most once and only on the node where the change happened: a listener that must see every change of a
 * cluster reads the store as well.
 *
 * <p><b>Not events.</b> A session that lease recovery closes (its node died) yields no {@link CallEnded}
 * and a campaign that such a recovery completes yields no {@link CampaignStatusChanged}; a real outcome reported
 * for the session later yields a late {@link CallEnded}. Creating a campaign and updating its settings are not
 * status changes.
 *
 * <p>Every method has an empty default, so a listener implements the ones it wants. Implementations should
 * return quickly and must be thread-safe only with respect to their own state: the engine calls them from one
 * thread.
 */
public interface CampaignListener {

    /** A campaign's status changed. */
    default void campaignStatusChanged(CampaignStatusChanged event) {
    }

    /** A call was handed over to the telephony. */
    default void callDialled(CallDialled event) {
    }

    /** A call's outcome was recorded. */
    default void callEnded(CallEnded event) {
    }

    /** A dial failed or timed out; its session ended {@code failed}. */
    default void dialFailed(DialFailed event) {
    }

    /** A contact became final as {@code skipped} without a call, by the campaign's contact rules. */
    default void contactSkipped(ContactSkipped event) {
    }
}
