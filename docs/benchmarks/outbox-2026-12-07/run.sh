#!/bin/bash
# usage: run.sh old|new : fresh database, the schema of that mode, the script; prints PG CPU, WAL bytes, time, table size
# C: the postgres container of a compose stack started with `docker compose -p rss up -d` (services stopped during the runs);
# its cgroup CPU counts every backend, also those that exited. Run gen.py first, in this directory.
M=$1; C=rss-postgres-1; id=$(docker inspect -f '{{.Id}}' $C)
CPU=/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage
psql() { docker exec -i $C psql -q -U postgres "$@"; }
psql -d users -c "drop database if exists obench" -c "create database obench" >/dev/null
if [ $M = old ]; then
psql -d obench -c "create table outbox (id bigserial primary key, topic varchar(100) not null, record_key varchar(100) not null, payload bytea not null, created_at timestamptz not null default now(), sent_at timestamptz, traceparent varchar(100)); create index outbox_unsent on outbox (id) where sent_at is null; create index outbox_sent on outbox (sent_at) where sent_at is not null;"
else
psql -d obench -c "create table outbox (id bigserial primary key, topic varchar(100) not null, record_key varchar(100) not null, payload bytea not null, created_at timestamptz not null default now(), traceparent varchar(100));"
fi
w0=$(psql -d obench -tAc "select wal_bytes from pg_stat_wal"); c0=$(cat $CPU); t0=$(date +%s.%N)
psql -d obench < ./$M.sql > /dev/null
t1=$(date +%s.%N); c1=$(cat $CPU); w1=$(psql -d obench -tAc "select wal_bytes from pg_stat_wal")
size=$(psql -d obench -tAc "select pg_size_pretty(pg_total_relation_size('outbox')), (select count(*) from outbox)")
echo "$M pgCpuS=$(echo "($c1-$c0)/1000000000" | bc -l | cut -c1-6) walMB=$(echo "($w1-$w0)/1048576" | bc -l | cut -c1-6) wallS=$(echo "$t1-$t0" | bc -l | cut -c1-6) outbox=$size"
