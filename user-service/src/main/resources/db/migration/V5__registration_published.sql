-- Set once Kafka has acknowledged the registration's user.register record: from then on the
-- record is the consumer's, however long its backlog, and is not published again.
alter table registrations add column published boolean not null default false;

-- What is published again: pending and never acknowledged, oldest first. Without it each
-- round read the whole table.
create index registrations_unpublished on registrations (updated_at) where status = 'PENDING' and not published;
