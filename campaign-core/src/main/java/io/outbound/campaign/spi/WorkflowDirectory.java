package io.outbound.campaign.spi;

/**
 * Tells whether a {@code workflow_id} names a voice agent of the organisation, so that a campaign
 * cannot be created for an agent that does not exist. The default accepts every positive id.
 */
@FunctionalInterface
public interface WorkflowDirectory {

    /**
     * @param orgId      the organisation
     * @param workflowId a positive id
     * @return whether the organisation has that agent
     */
    boolean exists(String orgId, long workflowId);

    /** Accepts every id. */
    static WorkflowDirectory acceptAll() {
        return (org, id) -> true;
    }
}
