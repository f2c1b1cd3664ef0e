-- A campaign's sessions, from the counter on its row that every claim moves.
SELECT session_count FROM campaigns WHERE id = :campaignId
