package io.outbound.campaign.internal.engine;

import io.outbound.campaign.CampaignException;
import io.outbound.campaign.ImportSummary;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.Suppression;
import io.outbound.campaign.Suppressions;
import io.outbound.campaign.internal.importer.ContactImporter;
import io.outbound.campaign.internal.phone.PhoneNumberValidator;
import io.outbound.campaign.spi.ContactSource;
import io.outbound.campaign.spi.FileKeys;
import io.outbound.campaign.spi.ImportedContact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The engine's {@link Suppressions}: validation here, persistence in the {@code CampaignStore}. */
final class EngineSuppressions implements Suppressions {

    private final EngineSettings settings;

    EngineSuppressions(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public Suppression add(String orgId, String phoneNumber, String reason) {
        String org = org(orgId);
        String number = number(phoneNumber);
        if (reason != null && reason.length() > Suppression.MAX_REASON_CHARS) {
            throw CampaignException.validation("reason", reason,
                    "must be at most " + Suppression.MAX_REASON_CHARS + " characters (was " + reason.length() + ")");
        }
        if (reason != null && reason.indexOf('\u0000') >= 0) {
            throw CampaignException.validation("reason", reason, "must not contain the NUL character (U+0000)");
        }
        settings.store().addSuppressions(org, List.of(new Suppression(number, reason, settings.clock().instant())));
        return settings.store().findSuppression(org, number).orElseThrow(() -> new IllegalStateException(
                "the store lost suppression " + number + " of organisation " + org + " just added"));
    }

    @Override
    public boolean remove(String orgId, String phoneNumber) {
        return settings.store().removeSuppression(org(orgId), number(phoneNumber));
    }

    @Override
    public Optional<Suppression> find(String orgId, String phoneNumber) {
        return settings.store().findSuppression(org(orgId), number(phoneNumber));
    }

    @Override
    public Page<Suppression> list(String orgId, PageRequest page) {
        return settings.store().suppressions(org(orgId), page == null ? PageRequest.first() : page);
    }

    @Override
    public ImportSummary importFile(String orgId, String fileKey) {
        String org = org(orgId);
        String keyProblem = FileKeys.problem(fileKey);
        if (keyProblem != null) {
            throw CampaignException.validation("file_key", fileKey, keyProblem);
        }
        // First pass: the whole file is checked (and its columns read), so that one rejected as a whole adds nothing.
        // Keys are written once, so the second pass reads the same bytes.
        ContactSource.ImportResult checked = new ContactImporter(settings.files(), fileKey, settings.importLimits())
                .drainTo(batch -> { });
        int reason = checked.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList().indexOf("reason");
        Instant now = settings.clock().instant();
        new ContactImporter(settings.files(), fileKey, settings.importLimits()).drainTo(contacts -> {
            List<Suppression> batch = new ArrayList<>(contacts.size());
            for (ImportedContact contact : contacts) {
                String why = reason >= 0 ? cut(contact.values().get(reason).replace("\u0000", "").strip()) : "";
                batch.add(new Suppression(contact.phoneNumber(), why.isEmpty() ? "imported from " + fileKey : why,
                        now));
            }
            settings.store().addSuppressions(org, batch);
        });
        return checked.summary();
    }

    /** A reason from a file, cut to the longest kept without splitting a surrogate pair. */
    private static String cut(String reason) {
        if (reason.length() <= Suppression.MAX_REASON_CHARS) {
            return reason;
        }
        int end = Suppression.MAX_REASON_CHARS;
        return reason.substring(0, Character.isHighSurrogate(reason.charAt(end - 1)) ? end - 1 : end);
    }

    private static String org(String orgId) {
        if (orgId == null || orgId.isBlank()) {
            throw CampaignException.validation("org_id", orgId, "must not be blank");
        }
        return orgId;
    }

    static String number(String phoneNumber) {
        String number = phoneNumber == null ? null : phoneNumber.strip();
        if (number == null || !PhoneNumberValidator.isE164Syntax(number)
                || !number.equals(PhoneNumberValidator.shared().toE164(number))) {
            throw CampaignException.validation("phone_number", phoneNumber,
                    "must be a valid E.164 number: '+' then the country calling code and digits, no national prefix");
        }
        return number;
    }
}
