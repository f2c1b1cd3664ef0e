-- Inserts a new campaign as a draft; its id is generated.
INSERT INTO campaigns (org_id, name, workflow_id, contacts_file_key, max_concurrency, calling_hours,
                       retry_config, telephony_configuration_id, status, parent_campaign_id,
                       created_at, updated_at, contact_rules)
VALUES (:orgId, :name, :workflowId, :contactsFileKey, :maxConcurrency, :callingHours, :retryConfig,
        :telephonyConfigurationId, 'DRAFT', :parentCampaignId, :createdAt, :createdAt, :contactRules)
