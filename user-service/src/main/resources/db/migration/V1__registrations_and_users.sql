-- Every registration accepted over the API, from the moment it is accepted. At most one
-- registration per email address can be pending or successful: the unique index is what
-- turns a concurrent second registration into a 409.
create table registrations (
    id           uuid primary key,
    email        varchar(254) not null,
    name         varchar(100) not null,
    status       varchar(16)  not null check (status in ('PENDING', 'CREATED', 'REJECTED')),
    reason       varchar(200),
    requested_at timestamptz  not null,
    updated_at   timestamptz  not null
);

create unique index registrations_one_active_per_email on registrations (email) where status <> 'REJECTED';

-- The users themselves, created by the user.register consumer.
create table users (
    id         uuid primary key,
    name       varchar(100) not null,
    email      varchar(254) not null unique,
    created_at timestamptz  not null
);
