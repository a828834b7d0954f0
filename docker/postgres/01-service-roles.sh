#!/usr/bin/env bash
# Each service gets a role of its own that owns its database and nothing else, so that
# neither runs as the superuser (POSTGRES_USER, used only here, at the first start):
# user_service owns "users", notification_service owns "notifications", and no other role
# may connect to either. Their passwords come from USER_SERVICE_DB_PASSWORD and
# NOTIFICATION_SERVICE_DB_PASSWORD (compose sets development ones).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --dbname postgres \
	-v user_password="${USER_SERVICE_DB_PASSWORD:?set USER_SERVICE_DB_PASSWORD}" \
	-v notification_password="${NOTIFICATION_SERVICE_DB_PASSWORD:?set NOTIFICATION_SERVICE_DB_PASSWORD}" <<'SQL'
CREATE ROLE user_service LOGIN PASSWORD :'user_password';
CREATE ROLE notification_service LOGIN PASSWORD :'notification_password';
CREATE DATABASE users OWNER user_service;
CREATE DATABASE notifications OWNER notification_service;
REVOKE ALL ON DATABASE users FROM PUBLIC;
REVOKE ALL ON DATABASE notifications FROM PUBLIC;
SQL
