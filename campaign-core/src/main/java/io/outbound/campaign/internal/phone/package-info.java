/**
 * Phone number rules used by the contact import: libphonenumber's validity verdict computed from precompiled
 * patterns, and a compact set of numbers for duplicate detection. Internal: not part of the public API.
 */
package io.outbound.campaign.internal.phone;
