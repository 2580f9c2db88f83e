#!/usr/bin/env bash
# Makes a throwaway CA, a server certificate for Envoy's listener and a client certificate for a
# caller, for local trials only. Never use these in a real deployment.
#
#   envoy/certs.sh [OUTPUT_DIR]        (default: envoy/certs next to this script)
#
# Files: ca.crt ca.key server.crt server.key client.crt client.key upstream-ca.crt
# The client certificate carries a SPIFFE ID URI SAN, which PhiGate shows to the policy.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/certs}"
days="${CERT_DAYS:-7}"
mkdir -p "$out"
chmod 700 "$out"
cd "$out"
umask 077

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# Certificate authority.
key ca.key
openssl req -x509 -new -key ca.key -sha256 -days "$days" -subj "/CN=PhiGate trial CA" \
  -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca.crt

# issue NAME SUBJECT EXTENDED_KEY_USAGE SUBJECT_ALT_NAMES
issue() {
  local name="$1" subject="$2" eku="$3" san="$4"
  key "$name.key"
  openssl req -new -key "$name.key" -subj "$subject" -out "$work/$name.csr"
  cat > "$work/$name.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=$eku
subjectAltName=$san
EXT
  openssl x509 -req -in "$work/$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 \
    -days "$days" -extfile "$work/$name.ext" -out "$name.crt" 2>/dev/null
}

issue server "/CN=localhost" serverAuth "DNS:localhost,IP:127.0.0.1,IP:::1"
issue client "/CN=trial-client" clientAuth "URI:spiffe://phigate.local/ns/trial/sa/client,DNS:trial-client"

# The same CA doubles as the upstream trust bundle for the mutual-TLS application cluster.
cp ca.crt upstream-ca.crt
rm -f ca.srl
# Envoy and PhiGate run as other users in the pod; readable by the group only.
chmod 640 ./*.key
chmod 644 ./*.crt

echo "certificates written to $out (valid $days days)"
