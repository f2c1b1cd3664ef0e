package io.outbound.campaign.internal.engine;

import com.github.benmanes.caffeine.cache.Cache;
import io.outbound.campaign.ActivityQuery;
import io.outbound.campaign.CallSession;
import io.outbound.campaign.CampaignActivity;
import io.outbound.campaign.Campaign;
import io.outbound.campaign.CampaignException;
import io.outbound.campaign.CampaignProgress;
import io.outbound.campaign.CampaignService;
import io.outbound.campaign.CampaignStatus;
import io.outbound.campaign.CreateCampaignRequest;
import io.outbound.campaign.ErrorCode;
import io.outbound.campaign.Page;
import io.outbound.campaign.PageRequest;
import io.outbound.campaign.PresignedUrl;
import io.outbound.campaign.RedialCampaignRequest;
import io.outbound.campaign.ReportQuery;
import io.outbound.campaign.RunsQuery;
import io.outbound.campaign.UpdateCampaignRequest;
import io.outbound.campaign.WaitingContacts;
import io.outbound.campaign.internal.importer.ContactImporter;
import io.outbound.campaign.rules.CampaignAction;
import io.outbound.campaign.rules.CampaignLifecycle;
import io.outbound.campaign.internal.query.RunsQueryParser;
import io.outbound.campaign.internal.report.SessionReportWriter;
import io.outbound.campaign.internal.validation.RequestValidator;
import io.outbound.campaign.spi.CampaignChange;
import io.outbound.campaign.spi.ClaimRules;
import io.outbound.campaign.spi.NewCampaign;
import io.outbound.campaign.spi.SessionActivity;
import java.io.OutputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/** The twelve campaign operations, and the activity series, over the SPIs. */
final class EngineCampaignService implements CampaignService {

    private final EngineSettings settings;
    private final DialPool dials;
    private final Runnable wakeDispatcher;
    private final EngineEvents events;
    /** Places for imports running on this node; a create or redial that finds none fails at once. */
    private final Semaphore imports;
    private final ConcurrencyBounds bounds;
    private final CalendarCache calendars = new CalendarCache();
    private final Cache<ContactRulesPlan.Key, ContactRulesPlan> plans = ContactRulesPlan.cache();

    EngineCampaignService(EngineSettings settings, DialPool dials, Runnable wakeDispatcher, EngineEvents events) {
        this.settings = settings;
        this.events = events;
        this.dials = dials;
        this.wakeDispatcher = wakeDispatcher;
        this.imports = new Semaphore(settings.maxConcurrentImports());
        this.bounds = new ConcurrencyBounds(settings);
    }

    @Override
    public Page<Campaign> list(String orgId, Set<CampaignStatus> statuses, PageRequest page) {
        String org = org(orgId);
        Set<CampaignStatus> wanted = RequestValidator.listStatuses(statuses);
        PageRequest asked = page == null ? PageRequest.first() : page;
        return wanted == null ? settings.store().listCampaigns(org, asked)
                : settings.store().listCampaigns(org, wanted, asked);
    }

    @Override
    public Campaign create(String orgId, CreateCampaignRequest request) {
        Objects.requireNonNull(request, "request");
        RequestValidator.validate(request);
        String org = org(orgId);
        return withImportPlace(() -> create(org, request, null));
    }

    /** Runs an import in one of this node's places for imports, or refuses it when there is none. */
    private Campaign withImportPlace(Supplier<Campaign> importing) {
        if (!imports.tryAcquire()) {
            throw new CampaignException(ErrorCode.TOO_MANY_IMPORTS, "this node is already importing "
                    + settings.maxConcurrentImports() + " contacts files, its maxConcurrentImports; nothing was "
                    + "created: try again once one has finished");
        }
        try {
            return importing.get();
        } finally {
            imports.release();
        }
    }

    private Campaign create(String orgId, CreateCampaignRequest request, Long parentId) {
        if (!settings.workflows().exists(orgId, request.workflowId())) {
            throw CampaignException.validation("workflow_id", request.workflowId(),
                    "is not a voice agent of organisation '" + orgId + "'");
        }
        String key = request.contactsFileKey();
        NewCampaign campaign = new NewCampaign(orgId, request.name(), request.workflowId(), key,
                request.maxConcurrency(), request.callingHours(), request.retryConfig(),
                request.telephonyConfigurationId(), parentId, settings.clock().instant(), request.contactRules());
        try {
            return settings.store().createCampaign(campaign, new ContactImporter(settings.files(), key,
                    settings.importLimits(), ContactRuleChange.zoning(campaign.contactRules())));
        } catch (CampaignException e) {
            // The importer's open is the only read of the file; a missing file is the request's fault.
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new CampaignException(ErrorCode.CONTACTS_REJECTED, "contacts file '" + key
                        + "' was not found in the file store (contacts_file_key)", List.of(), e);
            }
            throw e;
        }
    }

    @Override
    public Campaign get(String orgId, long campaignId) {
        return settings.store().findCampaign(org(orgId), campaignId)
                .orElseThrow(() -> CampaignException.campaignNotFound(orgId, campaignId));
    }

    @Override
    public Campaign update(String orgId, long campaignId, UpdateCampaignRequest request) {
        Objects.requireNonNull(request, "request");
        RequestValidator.validate(request);
        Instant now = settings.clock().instant();
        Campaign updated = settings.store().updateCampaign(org(orgId), campaignId, c -> {
            CampaignLifecycle.apply(c.id(), c.status(), CampaignAction.UPDATE);
            CampaignChange change = CampaignChange.none(c);
            if (request.has(UpdateCampaignRequest.Field.CONTACT_RULES)) {
                change = change.toContactRules(ContactRuleChange.checked(c, request.contactRules()), now);
            }
            return change.toSettings(
                    request.has(UpdateCampaignRequest.Field.NAME) ? request.name() : c.name(),
                    request.has(UpdateCampaignRequest.Field.MAX_CONCURRENCY) ? request.maxConcurrency()
                            : c.maxConcurrency(),
                    request.has(UpdateCampaignRequest.Field.CALLING_HOURS) ? request.callingHours()
                            : c.callingHours(),
                    request.has(UpdateCampaignRequest.Field.RETRY_CONFIG) ? request.retryConfig() : c.retryConfig(),
                    now);
        });
        bounds.forget(campaignId);
        wakeDispatcher.run();
        return updated;
    }

    @Override
    public Campaign start(String orgId, long campaignId) {
        Instant now = settings.clock().instant();
        Campaign started = events.updateCampaign(settings.store(), org(orgId), campaignId, c -> {
            CampaignStatus next = CampaignLifecycle.apply(c.id(), c.status(), CampaignAction.START);
            if (c.status() == next) {
                return CampaignChange.none(c);
            }
            String fatal = TelephonyCheck.problem(c,
                    settings.telephonyConfigs().callerPool(c.orgId(), c.telephonyConfigurationId()));
            CampaignChange unchanged = CampaignChange.none(c);
            return fatal != null ? unchanged.toStatus(CampaignStatus.FAILED, fatal, now)
                    : unchanged.toStatus(next, null, now);
        });
        wakeDispatcher.run();
        return started;
    }

    /**
     * One store operation: the campaign leaves running and, in the same operation, every call of it claimed
     * on any node and not yet handed to the telephony is given back. Nothing here waits for a dial.
     */
    @Override
    public Campaign pause(String orgId, long campaignId) {
        Instant now = settings.clock().instant();
        Campaign paused = events.updateCampaign(settings.store(), org(orgId), campaignId, c -> {
            CampaignStatus next = CampaignLifecycle.apply(c.id(), c.status(), CampaignAction.PAUSE);
            return c.status() == next ? CampaignChange.none(c) : CampaignChange.none(c).toStatus(next, null, now);
        });
        dials.forget(campaignId);
        return paused;
    }

    @Override
    public Campaign resume(String orgId, long campaignId) {
        Instant now = settings.clock().instant();
        Campaign resumed = events.updateCampaign(settings.store(), org(orgId), campaignId, c -> {
            CampaignStatus next = CampaignLifecycle.apply(c.id(), c.status(), CampaignAction.RESUME);
            return c.status() == next ? CampaignChange.none(c) : CampaignChange.none(c).toStatus(next, null, now);
        });
        wakeDispatcher.run();
        return resumed;
    }

    @Override
    public Campaign redial(String orgId, long campaignId, RedialCampaignRequest request) {
        Objects.requireNonNull(request, "request");
        RequestValidator.validate(request);
        Campaign parent = get(orgId, campaignId);
        CampaignLifecycle.apply(parent.id(), parent.status(), CampaignAction.REDIAL);
        // The place is taken before the source is written, so that a refused redial leaves no file behind.
        return withImportPlace(() -> {
            String key = "campaigns/redials/" + parent.id() + "-" + UUID.randomUUID() + "/contacts.csv";
            RedialSource.write(settings.store(), settings.files(), parent, EnumSet.copyOf(request.redialStatuses()),
                    key);
            CreateCampaignRequest child = new CreateCampaignRequest(request.name(), parent.workflowId(), key,
                    parent.maxConcurrency(), parent.callingHours(), parent.retryConfig(),
                    parent.telephonyConfigurationId(), parent.contactRules());
            return create(parent.orgId(), child, parent.id());
        });
    }

    @Override
    public CampaignProgress progress(String orgId, long campaignId) {
        String org = org(orgId);
        CampaignProgress progress = settings.store().findProgress(org, campaignId)
                .orElseThrow(() -> CampaignException.campaignNotFound(orgId, campaignId));
        return bounds.describe(org, campaignId, progress);
    }

    @Override
    public WaitingContacts waiting(String orgId, long campaignId) {
        Campaign campaign = get(orgId, campaignId);
        ClaimRules rules = ContactRulesPlan.of(plans, campaign, calendars.of(campaign.callingHours()))
                .at(settings.clock().instant());
        Set<Integer> closed = new HashSet<>();
        for (int zone = 0; zone < rules.zones().size(); zone++) {
            if (rules.zones().get(zone).closedUntil() != null) {
                closed.add(zone);
            }
        }
        WaitingContacts counted = settings.store().countWaiting(campaign.id(), closed);
        return new WaitingContacts(counted.forLocalHours(), counted.forAttemptLimits(),
                ContactRulesPlan.nextOpening(rules));
    }

    @Override
    public Page<CallSession> runs(String orgId, long campaignId, RunsQuery query) {
        Campaign campaign = get(orgId, campaignId);
        return settings.store().sessions(campaign.id(),
                RunsQueryParser.parse(query == null ? RunsQuery.firstPage() : query));
    }

    @Override
    public CampaignActivity activity(String orgId, long campaignId, ActivityQuery query) {
        // The window is checked before the campaign is read: a bad query costs no store round trip.
        ActivityQuery.Window window = (query == null ? ActivityQuery.recent() : query)
                .resolve(settings.clock().instant());
        Campaign campaign = get(orgId, campaignId);
        SessionActivity read = settings.store().sessionActivity(campaign.id(), window.from(), window.to(),
                window.bucket(), window.buckets());
        return ActivitySeries.of(campaign.id(), window, read);
    }

    @Override
    public PresignedUrl sourceDownloadUrl(String orgId, long campaignId) {
        Campaign campaign = get(orgId, campaignId);
        return settings.files().presignDownload(campaign.contactsFileKey(), settings.presignTtl());
    }

    @Override
    public void report(String orgId, long campaignId, ReportQuery query, OutputStream out) {
        Objects.requireNonNull(out, "out");
        Campaign campaign = get(orgId, campaignId);
        SessionReportWriter.write(settings.store(), campaign, query == null ? ReportQuery.all() : query, out);
    }

    private static String org(String orgId) {
        if (orgId == null || orgId.isBlank()) {
            throw CampaignException.validation("org_id", orgId, "must not be blank");
        }
        return orgId;
    }

}
