-- The morning queue reads only invoices whose next stage may have come: by stage, up to a due date.
CREATE INDEX invoices_ladder ON invoices (stage, due_date) WHERE paid < amount AND handed_off = '';
