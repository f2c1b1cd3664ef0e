-- Streams imported contacts as CSV through the driver's COPY API.
COPY campaign_contacts (campaign_id, seq, phone_number, contact_values, zone) FROM STDIN WITH (FORMAT csv)
