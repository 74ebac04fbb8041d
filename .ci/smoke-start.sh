#!/usr/bin/env bash
# Boots `npm start` exactly as the README says (embedded PGlite, fresh data folder), signs in as
# the demo admin over HTTP, reads `me`, and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=39$((RANDOM % 90 + 10))
log="$work/start.log"
unset DATABASE_URL
# In a process group of its own, so stopping it stops all of it: npm, its shell and the API under
# tsx (killing npm's children alone left the API running after the check).
PORT=$port TESSERA_DATA_DIR="$work/pglite" LOG_LEVEL=warn setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() {
	kill -TERM -- -"$pid" 2>/dev/null || true
	for _ in $(seq 1 20); do kill -0 -- -"$pid" 2>/dev/null || break; sleep 0.5; done
	kill -KILL -- -"$pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
	grep -q "password:" "$log" && break
	if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "start command exited early"; exit 1; fi
	sleep 1
done
cat "$log" | tail -12
url=$(sed -n 's/.*Tessera is running at \(http[^ ]*\).*/\1/p' "$log" | head -1)
tenant=$(sed -n 's/.*organisation: *//p' "$log" | head -1)
email=$(sed -n 's/.*email: *//p' "$log" | head -1)
password=$(sed -n 's/.*password: *//p' "$log" | head -1)
[ -n "$url" ] && [ -n "$password" ] || { echo "start command did not print the URL and demo sign-in"; exit 1; }

jar="$work/cookies"
body=$(printf '{"json":{"tenant":"%s","email":"%s","password":"%s"}}' "$tenant" "$email" "$password")
curl -fsS -c "$jar" -H 'content-type: application/json' -d "$body" "$url/trpc/auth.signIn" >/dev/null
me=$(curl -fsS -b "$jar" "$url/trpc/me.get")
echo "$me" | grep -q "\"email\":\"$email\"" || { echo "me.get did not return the demo admin: $me"; exit 1; }
echo "$me" | grep -q '"tenant_admin"\|"roleKey":"tenant_admin"' || { echo "me.get lacks the admin role: $me"; exit 1; }
# The demo start turns the development mailbox on for this machine, and says so.
grep -q "Mailbox:" "$log" || { echo "npm start did not say the dev mailbox is on"; exit 1; }
input=$(node -e 'console.log(encodeURIComponent(JSON.stringify({ json: { tenant: process.argv[1] } })))' "$tenant")
curl -fsS "$url/trpc/dev.mailbox?input=$input" >/dev/null ||
	{ echo "the demo's dev mailbox does not answer on loopback"; exit 1; }
portal=$(curl -fsS -H 'accept: text/html' "$url/sign-in")
echo "$portal" | grep -qi '<div id="root"' || { echo "portal not served"; exit 1; }
echo "smoke: signed in as $email on $url, me.get ok, portal served"
