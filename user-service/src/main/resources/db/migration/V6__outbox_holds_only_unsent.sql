-- The relay deletes the events Kafka acknowledged instead of marking them sent and keeping
-- them an hour: nothing read them again, and keeping them cost a second write per event
-- (an update that touched two indexes) and, at 1,000 registrations/s, up to 3-4 GB of table
-- (docs/benchmarks.md, 2026-12-07 night). The outbox now holds only what is still to be
-- published, in id order (its primary key).
delete from outbox where sent_at is not null;

drop index outbox_unsent;

drop index outbox_sent;

alter table outbox drop column sent_at;
