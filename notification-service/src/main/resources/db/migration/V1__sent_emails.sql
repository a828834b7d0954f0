-- One row per email this service is sending or has sent: the record that makes sending
-- idempotent. A row is claimed (SENDING) before the SMTP conversation and marked SENT
-- once the server has accepted the message.
create table sent_emails (
    user_id    uuid         not null,
    template   varchar(50)  not null,
    message_id varchar(250) not null,
    status     varchar(16)  not null check (status in ('SENDING', 'SENT')),
    claimed_at timestamptz  not null,
    sent_at    timestamptz,
    primary key (user_id, template)
);
