#!/usr/bin/env bash
# Seeds a small demo park through the public API, so a newcomer has something to scan and
# trace right after `./tracegate up`: one garment enterprise, its gate, a workshop and a
# canteen, a shared shuttle bus, three workers and a scanner device.
# Idempotent: 409 (already exists) counts as done. Exits non-zero if anything else failed.
#
# Environment: TRACEGATE_URL (http://127.0.0.1:8080), TRACEGATE_TOKEN (an admin JWT, e.g.
# $(./tracegate token --role admin)), TRACEGATE_STATE (where the device API key is kept).
set -euo pipefail

URL=${TRACEGATE_URL:-http://127.0.0.1:8080}
TOKEN=${TRACEGATE_TOKEN:?set TRACEGATE_TOKEN to an admin JWT: TRACEGATE_TOKEN=\$(./tracegate token --role admin)}
STATE=${TRACEGATE_STATE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tracegate}
failures=0
BODY=''

# post PATH JSON: sets STATUS and BODY.
post() {
  local response
  response=$(curl -sS -m 10 -w '\n%{http_code}' -X POST "$URL$1" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json; charset=utf-8' \
    --data-binary "$2" 2>&1) || { STATUS=000; BODY=$response; return 0; }
  STATUS=${response##*$'\n'}
  BODY=${response%$'\n'*}
}

# create WHAT PATH JSON: posts and reports created / already there / failed.
create() {
  local what=$1
  post "$2" "$3"
  case $STATUS in
    200 | 201) printf '    created %s\n' "$what" ;;
    409) printf '    %s already exists\n' "$what" ;;
    000) printf '    could not reach %s for %s: %s\n' "$URL" "$what" "$BODY" >&2; failures=$((failures + 1)) ;;
    404 | 405) printf '    %s: POST %s is not served yet (HTTP %s)\n' "$what" "$2" "$STATUS" >&2; failures=$((failures + 1)) ;;
    *) printf '    %s: HTTP %s %s\n' "$what" "$STATUS" "$BODY" >&2; failures=$((failures + 1)) ;;
  esac
}

create "enterprise demo-garment" /v1/enterprises \
  '{"id":"demo-garment","name":"Công ty May Demo"}'

create "checkpoint demo-gate" /v1/checkpoints \
  '{"id":"demo-gate","enterpriseId":"demo-garment","kind":"GATE","name":"Cổng chính","capacity":2000}'
create "checkpoint demo-ws1" /v1/checkpoints \
  '{"id":"demo-ws1","enterpriseId":"demo-garment","kind":"WORKSHOP","name":"Xưởng may 1","capacity":20}'
create "checkpoint demo-canteen" /v1/checkpoints \
  '{"id":"demo-canteen","enterpriseId":"demo-garment","kind":"CANTEEN","name":"Nhà ăn","capacity":200}'
# Shuttle buses are shared by the park: no enterpriseId.
create "checkpoint demo-bus-01" /v1/checkpoints \
  '{"id":"demo-bus-01","kind":"BUS","name":"Xe đưa đón 01","capacity":45}'

create "worker NV001" /v1/workers \
  '{"id":"NV001","enterpriseId":"demo-garment","fullName":"Nguyễn Thị Lan","phone":"0912345678","team":"Tổ 1"}'
create "worker NV002" /v1/workers \
  '{"id":"NV002","enterpriseId":"demo-garment","fullName":"Trần Văn Hùng","phone":"0987654321","team":"Tổ 1"}'
create "worker NV003" /v1/workers \
  '{"id":"NV003","enterpriseId":"demo-garment","fullName":"Lê Thị Hồng Nhung","phone":"0903123456","team":"Tổ 2"}'

# The device's API key is shown once, when it is created: keep it for the developer.
key_file=$STATE/secrets/demo-scanner-1.apikey
post /v1/devices '{"id":"demo-scanner-1","enterpriseId":"demo-garment","checkpointIds":["demo-gate","demo-ws1"]}'
case $STATUS in
  200 | 201)
    api_key=$(sed -n 's/.*"apiKey"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$BODY")
    if [[ -n $api_key ]]; then
      mkdir -p "$(dirname "$key_file")"
      (umask 077 && printf '%s\n' "$api_key" >"$key_file")
      printf '    created device demo-scanner-1 (demo-gate, demo-ws1); its API key, shown once:\n'
      printf '      Authorization: ApiKey %s\n' "$api_key"
      printf '      (kept in %s)\n' "$key_file"
    else
      printf '    created device demo-scanner-1, but the answer had no apiKey: %s\n' "$BODY" >&2
      failures=$((failures + 1))
    fi
    ;;
  409)
    if [[ -s $key_file ]]; then
      printf '    device demo-scanner-1 already exists (its API key is in %s)\n' "$key_file"
    else
      printf '    device demo-scanner-1 already exists (its API key was shown when it was created)\n'
    fi
    ;;
  000) printf '    could not reach %s for device demo-scanner-1: %s\n' "$URL" "$BODY" >&2; failures=$((failures + 1)) ;;
  404 | 405) printf '    device demo-scanner-1: POST /v1/devices is not served yet (HTTP %s)\n' "$STATUS" >&2; failures=$((failures + 1)) ;;
  *) printf '    device demo-scanner-1: HTTP %s %s\n' "$STATUS" "$BODY" >&2; failures=$((failures + 1)) ;;
esac

((failures == 0)) || { printf '    %s request(s) of the demo park failed\n' "$failures" >&2; exit 1; }
