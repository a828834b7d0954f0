#!/bin/bash
# every 2 s: epoch, then /proc/stat's cpu line
while true; do echo "$(date +%s) $(head -1 /proc/stat)"; sleep 2; done
