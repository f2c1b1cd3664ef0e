package io.outbound.campaign.memory;

import io.outbound.campaign.CallSession;
import java.time.Instant;

/** One session and its lease. */
final class SessionState {
    CallSession session;
    final CampaignState campaign;
    final ContactRow contact;
    final String nodeId;
    final String previousSessionId;
    Instant leaseUntil;
    boolean dialled;
    boolean lost;
    boolean lateRecorded;

    SessionState(CallSession session, CampaignState campaign, ContactRow contact, String nodeId,
                 String previousSessionId) {
        this.session = session;
        this.campaign = campaign;
        this.contact = contact;
        this.nodeId = nodeId;
        this.previousSessionId = previousSessionId;
    }
}
