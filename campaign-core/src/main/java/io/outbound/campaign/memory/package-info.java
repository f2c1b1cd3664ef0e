/**
 * The in-memory {@link io.outbound.campaign.spi.CampaignStore}: the embedded default for a single process
 * (nothing survives it) and the store of the test kit.
 */
package io.outbound.campaign.memory;
