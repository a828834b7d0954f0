-- Each service owns its database; user-service's is POSTGRES_DB, this is notification-service's.
CREATE DATABASE notifications;
