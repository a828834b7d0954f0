#!/bin/bash
# switch.sh TAG: run hist's analytics-service on hist-analytics-service:TAG
cd /work/main && docker tag hist-analytics-service:$1 hist-analytics-service:latest && docker compose -p hist up -d --force-recreate --no-deps --wait analytics-service >/dev/null 2>&1
