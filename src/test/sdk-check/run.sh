#!/usr/bin/env bash
# Checks the HubSpot and Pipedrive sandboxes with the vendors' official npm SDKs.
# Builds the jar (unless it is newer than every source file), starts the sandboxes on free ports, runs `npm ci` and the checks,
# stops the sandboxes, and exits non-zero on any failure. Needs Node 20+ and the npm registry.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
JAR="$ROOT/target/queast-gateway.jar"

# A jar older than any source would test yesterday's sandbox: rebuild it then.
if [[ ! -f "$JAR" ]] || [[ -n "$(find "$ROOT/src/main" "$ROOT/conf" -newer "$JAR" -type f -print -quit)" ]]; then
  (cd "$ROOT" && ./mvnw -q package -DskipTests -Dspotless.check.skip -Dcheckstyle.skip)
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
HS_PORT=$(free_port); PD_PORT=$(free_port); Q_PORT=$(free_port)
while [[ "$PD_PORT" == "$HS_PORT" ]]; do PD_PORT=$(free_port); done
while [[ "$Q_PORT" == "$HS_PORT" || "$Q_PORT" == "$PD_PORT" ]]; do Q_PORT=$(free_port); done

LOG="$(mktemp)"
java -jar "$JAR" sandbox --hubspot-port "$HS_PORT" --pipedrive-port "$PD_PORT" --queast-port "$Q_PORT" >"$LOG" 2>&1 &
SB_PID=$!
trap 'kill "$SB_PID" 2>/dev/null || true; wait "$SB_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
  if curl -fs -o /dev/null "http://127.0.0.1:$HS_PORT/_sandbox/portals" \
     && curl -fs -o /dev/null "http://127.0.0.1:$PD_PORT/_sandbox/companies"; then
    break
  fi
  if ! kill -0 "$SB_PID" 2>/dev/null; then cat "$LOG"; echo "sandbox did not start" >&2; exit 1; fi
  sleep 0.5
done

cd "$HERE"
npm ci --no-audit --no-fund
HUBSPOT_BASE="http://127.0.0.1:$HS_PORT" PIPEDRIVE_BASE="http://127.0.0.1:$PD_PORT" \
  node --test hubspot.test.mjs pipedrive.test.mjs
