/**
 * Streaming import of contact CSV files into a campaign. Internal: not part of the public API.
 */
package io.outbound.campaign.internal.importer;
