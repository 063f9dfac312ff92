#!/usr/bin/env bash
# HTTPS for StockFlow on the warehouse network (docs/lan-https.md): phones only give a page the camera and a service
# worker in a secure context, which off localhost means HTTPS with a certificate they trust. This starts Caddy
# (Debian: `apt-get install caddy`) as a reverse proxy in front of the running app, with Caddy's own certificate
# authority ("tls internal"): it signs a certificate for the LAN address, and its root certificate, installed once on
# each phone, makes that address trusted. The CA lives in .data/caddy and survives restarts, so phones trust it for
# good (ten years). The root certificate is also offered over plain HTTP for phones to download.
#
#   scripts/lan-https.sh                 # proxy https://<this machine's LAN address>:8443 → 127.0.0.1:3000
#   LAN_HOST=stock.lan HTTPS_PORT=443 APP_PORT=3000 scripts/lan-https.sh
#
# Settings (environment): LAN_HOST (default: the first address `hostname -I` lists), HTTPS_PORT (8443), CERT_PORT
# (8080: where phones download the root certificate), APP_PORT (PORT, else 3000), CADDY_HOME (.data/caddy).
# Ctrl-C stops the proxy. The app itself must run with APP_URL=https://<LAN_HOST>:<HTTPS_PORT> and TRUST_PROXY=1.
set -euo pipefail

command -v caddy >/dev/null || { echo "caddy is not installed: apt-get install -y caddy" >&2; exit 1; }

LAN_HOST=${LAN_HOST:-$(hostname -I | awk '{print $1}')}
HTTPS_PORT=${HTTPS_PORT:-8443}
CERT_PORT=${CERT_PORT:-8080}
APP_PORT=${APP_PORT:-${PORT:-3000}}
CADDY_HOME=${CADDY_HOME:-$(pwd)/.data/caddy}
[ -n "$LAN_HOST" ] || { echo "No LAN address found: set LAN_HOST" >&2; exit 1; }

mkdir -p "$CADDY_HOME"
# Caddy keeps its CA and certificates under XDG_DATA_HOME/caddy: here, not in the system's directories.
export XDG_DATA_HOME="$CADDY_HOME/data" XDG_CONFIG_HOME="$CADDY_HOME/config"
ROOT_CERT="$XDG_DATA_HOME/caddy/pki/authorities/local/root.crt"
CADDYFILE="$CADDY_HOME/Caddyfile"

cat >"$CADDYFILE" <<CADDY
{
	# No admin API, no attempt to add the CA to this machine's trust store, no port 80.
	admin off
	skip_install_trust
	http_port ${CERT_PORT}
	auto_https disable_redirects
}

https://${LAN_HOST}:${HTTPS_PORT} {
	tls internal
	# Caddy sets X-Forwarded-For and X-Forwarded-Proto: https; the app believes them with TRUST_PROXY=1.
	reverse_proxy 127.0.0.1:${APP_PORT} {
		# The live-update stream (/api/events) must reach the phone as it is written.
		flush_interval -1
	}
}

# The root certificate, for phones to install (plain HTTP: they do not trust the HTTPS site yet).
http://:${CERT_PORT} {
	handle /root.crt {
		root * ${XDG_DATA_HOME}/caddy/pki/authorities/local
		header Content-Type application/x-x509-ca-cert
		file_server
	}
	respond "StockFlow: download the root certificate at /root.crt" 200
}
CADDY

caddy run --config "$CADDYFILE" --adapter caddyfile &
CADDY_PID=$!
trap 'kill "$CADDY_PID" 2>/dev/null; wait "$CADDY_PID" 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 100); do
  [ -s "$ROOT_CERT" ] && break
  kill -0 "$CADDY_PID" 2>/dev/null || { echo "caddy stopped (see above)" >&2; exit 1; }
  sleep 0.1
done
[ -s "$ROOT_CERT" ] || { echo "caddy made no root certificate at $ROOT_CERT" >&2; exit 1; }

cat <<INFO

StockFlow over HTTPS:   https://${LAN_HOST}:${HTTPS_PORT}  →  http://127.0.0.1:${APP_PORT}
Root certificate:       ${ROOT_CERT}
  download on a phone:  http://${LAN_HOST}:${CERT_PORT}/root.crt
  check from here:      curl --cacert ${ROOT_CERT} https://${LAN_HOST}:${HTTPS_PORT}/api/health

Trust it once on each phone (docs/lan-https.md):
  Android: open the download link, name it "StockFlow", use it for "VPN and apps" / "CA certificate"
           (or Settings → Security → Encryption & credentials → Install a certificate → CA certificate).
  iOS:     open the download link in Safari → Allow; Settings → General → VPN & Device Management → install the
           profile; then Settings → General → About → Certificate Trust Settings → turn on full trust for it.
The app must run with:  APP_URL=https://${LAN_HOST}:${HTTPS_PORT} TRUST_PROXY=1
Ctrl-C stops the proxy.
INFO

wait "$CADDY_PID"
