-- The W3C traceparent of the change an event announces: the relay's send continues that
-- trace, so one registration is one trace from the HTTP request to the statistics.
alter table outbox add column traceparent varchar(100);
