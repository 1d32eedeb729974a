-- The timeline is shown in the order things happened, not the order they were written (an
-- entry made for an earlier day with --as-of, a sample shop's history).
CREATE INDEX events_customer_at ON events (customer_id, at, id) WHERE customer_id IS NOT NULL;
CREATE INDEX events_at ON events (at, id);
