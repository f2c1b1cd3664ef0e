/**
 * Contact rules in the called person's local time: where a contact is ({@link
 * io.outbound.campaign.internal.local.ContactZones}), when each jurisdiction lets a call start there ({@link
 * io.outbound.campaign.internal.local.JurisdictionRules}), and the arithmetic of such windows ({@link
 * io.outbound.campaign.internal.local.LocalWindow}). Internal: not part of the public API.
 */
package io.outbound.campaign.internal.local;
