-- Events waiting to be published, written in the same transaction as the change they
-- announce. The relay publishes them in id order and marks them sent.
create table outbox (
    id         bigserial    primary key,
    topic      varchar(100) not null,
    record_key varchar(100) not null,
    payload    bytea        not null,
    created_at timestamptz  not null default now(),
    sent_at    timestamptz
);

create index outbox_unsent on outbox (id) where sent_at is null;

create index outbox_sent on outbox (sent_at) where sent_at is not null;
