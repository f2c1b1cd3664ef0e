/**
 * What happens inside the engine, told to the host: {@link io.outbound.campaign.events.CampaignListener} receives
 * {@link io.outbound.campaign.events.CampaignEvent}s after the store committed them, on the engine's own event
 * thread; {@link io.outbound.campaign.events.EngineObserver} is told how long store operations and dials take, for
 * metrics.
 * Register both with {@code CampaignEngine.builder().listener(...)} and {@code .observer(...)}.
 */
package io.outbound.campaign.events;
