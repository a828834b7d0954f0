#!/bin/bash
# Samples PostgreSQL's per-database transaction counts every 2 s: the bench's local suite,
# whose ports are the defaults plus 22000 (PostgreSQL on 27432).
while true; do
  T=$(date +%s.%N)
  PGPASSWORD=user-service-dev psql -h 127.0.0.1 -p 27432 -U user_service -d users -At -F' ' -c "select '$T', datname, xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched from pg_stat_database where datname in ('users','notifications')" 2>/dev/null
  sleep 2
done
