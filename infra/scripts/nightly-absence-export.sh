#!/usr/bin/env bash
# Sample nightly job: posts the absence export (CSV, docs/data-formats.md «Absence events») to Nærvær.
# Run it after the student administration system has written the export and before EVALUATE_AT (06:00 school
# time by default), when Nærvær evaluates every school and sends the morning's nudges.
#
#   NAERVAER_URL=https://<BOT_DOMAIN> INGEST_API_KEY_FILE=/etc/naervaer/ingest-api-key \
#     nightly-absence-export.sh /var/export/fravaer.csv
#
# The key is read from a file (or INGEST_API_KEY) so it stays out of the process list and shell history.
# Exit codes: 0 all rows accepted · 1 some rows rejected (the answer is kept next to the file) · 2 not sent.
set -euo pipefail

file="${1:?usage: nightly-absence-export.sh <export.csv>}"
url="${NAERVAER_URL:?set NAERVAER_URL to https://<BOT_DOMAIN>}"
if [ -n "${INGEST_API_KEY_FILE:-}" ]; then
  key="$(tr -d '\r\n' <"$INGEST_API_KEY_FILE")"
else
  key="${INGEST_API_KEY:?set INGEST_API_KEY_FILE or INGEST_API_KEY}"
fi
[ -s "$file" ] || { echo "no export at $file" >&2; exit 2; }

answer="$file.answer.json"
# The key goes to curl on stdin as a header file, not as an argument.
status="$(printf 'Authorization: Bearer %s\n' "$key" |
  curl --silent --show-error --max-time 300 --retry 3 --retry-all-errors \
    --output "$answer" --write-out '%{http_code}' \
    -X POST "$url/api/absence" \
    -H @- -H "Content-Type: text/csv; charset=utf-8" \
    --data-binary @"$file")" || { echo "could not reach $url" >&2; exit 2; }

if [ "$status" != "200" ]; then
  echo "Nærvær answered HTTP $status: $(cat "$answer")" >&2
  exit 2
fi
# {"accepted": n, "rejected": [...]}: rows are named by line and field, never by a person's name.
accepted="$(grep -o '"accepted": *[0-9]*' "$answer" | grep -o '[0-9]*$' || echo 0)"
if grep -q '"rejected": *\[ *\]' "$answer"; then
  echo "accepted $accepted rows"
  rm -f "$answer"
  exit 0
fi
echo "accepted $accepted rows; some were rejected, see $answer" >&2
exit 1
