-- Kept with the pending registration so that a registration re-sent after a crash carries
-- the correlation id its client was given.
alter table registrations add column correlation_id varchar(100);
