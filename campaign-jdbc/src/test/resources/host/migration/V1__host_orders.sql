-- A host's own first migration, in its own history table: it must not meet the campaign schema's V1.
CREATE TABLE host_orders (id BIGINT PRIMARY KEY, note VARCHAR(100));
