#!/usr/bin/env bash
# Makes the TEST-ONLY certificates under resources/test-certs/ (see README.md there).
# Everything here is throw-away: a private test CA, a localhost server cert, merchant client certs
# (PEM pair, modern .p12 and the legacy RC2-40 .p12 WeChat issues) and negative fixtures.
# Needs the openssl 3 CLI. Re-running replaces every file (new keys), so tests must not pin fingerprints.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/resources/test-certs"
DAYS=7300                      # 20 years for the good certs
EXPIRED_START=20200101000000Z  # the expired fixtures were valid in 2020 only
EXPIRED_END=20210101000000Z
MCH_IDS=(1900000109 1900000110)

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# extensions files (x509 -extfile / ca -extfile)
cat > "$WORK/ca.ext" <<'X'
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
X
cat > "$WORK/server.ext" <<'X'
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
X
cat > "$WORK/wrong-host.ext" <<'X'
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
X
cat > "$WORK/client.ext" <<'X'
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
X

# Every certificate is issued with `openssl ca`, because openssl 3.0's x509/req cannot set a start date:
# good ones start yesterday (tolerates a slightly slow clock) and last DAYS; expired ones lived in 2020.
NOT_BEFORE="$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)"
NOT_AFTER="$(date -u -d "+$DAYS days" +%Y%m%d%H%M%SZ)"

cadb() {  # a throw-away CA database per issuing CA
  local db="$WORK/cadb-$1"
  if [ ! -d "$db" ]; then
    mkdir -p "$db"
    : > "$db/index.txt"
    openssl rand -hex 8 > "$db/serial"
    cat > "$db/ca.cnf" <<X
[ ca ]
default_ca = test
[ test ]
database = $db/index.txt
serial = $db/serial
new_certs_dir = $db
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
organizationName = optional
organizationalUnitName = optional
commonName = supplied
X
  fi
  echo "$db/ca.cnf"
}

# issue <name> <subject> <extfile> <issuer-name|self> <start> <end>
issue() {
  key "$OUT/$1.key"
  openssl req -new -key "$OUT/$1.key" -subj "$2" -out "$WORK/$1.csr"
  if [ "$4" = self ]; then
    openssl ca -batch -notext -selfsign -config "$(cadb "$1")" -keyfile "$OUT/$1.key" \
      -startdate "$5" -enddate "$6" -extfile "$WORK/$3" -in "$WORK/$1.csr" -out "$OUT/$1.pem" 2>/dev/null
  else
    openssl ca -batch -notext -config "$(cadb "$4")" -cert "$OUT/$4.pem" -keyfile "$OUT/$4.key" \
      -startdate "$5" -enddate "$6" -extfile "$WORK/$3" -in "$WORK/$1.csr" -out "$OUT/$1.pem" 2>/dev/null
  fi
}
make_ca() { issue "$1" "/O=wxpay-pos TEST ONLY/CN=$2" ca.ext self "$NOT_BEFORE" "$NOT_AFTER"; }
leaf() { issue "$1" "$2" "$3" "$4" "$NOT_BEFORE" "$NOT_AFTER"; }
expired_leaf() { issue "$1" "$2" "$3" "$4" "$EXPIRED_START" "$EXPIRED_END"; }

make_ca ca "wxpay-pos Test CA"
make_ca other-ca "wxpay-pos Other Test CA (untrusted)"

leaf server "/O=wxpay-pos TEST ONLY/CN=localhost" server.ext ca
leaf wrong-host-server "/O=wxpay-pos TEST ONLY/CN=wrong.example" wrong-host.ext ca
expired_leaf expired-server "/O=wxpay-pos TEST ONLY/CN=localhost" server.ext ca

for mch in "${MCH_IDS[@]}"; do
  # CN carries the mch_id so a gateway (the simulator) can tell which merchant presented it.
  leaf "merchant-$mch" "/O=WeChat-Pay-Test/OU=wxpay-pos TEST ONLY/CN=$mch" client.ext ca
  # modern PKCS#12 (AES-256-CBC, PBKDF2): Node loads it directly
  openssl pkcs12 -export -in "$OUT/merchant-$mch.pem" -inkey "$OUT/merchant-$mch.key" \
    -name "$mch" -passout "pass:$mch" -out "$OUT/merchant-$mch.p12"
  # legacy PKCS#12 (RC2-40 certs, 3DES key) like WeChat's apiclient_cert.p12: Node 20 cannot load it
  openssl pkcs12 -export -legacy -in "$OUT/merchant-$mch.pem" -inkey "$OUT/merchant-$mch.key" \
    -name "$mch" -passout "pass:$mch" -out "$OUT/merchant-$mch-legacy.p12"
done

leaf merchant-by-other-ca "/O=WeChat-Pay-Test/OU=wxpay-pos TEST ONLY/CN=1900000109" client.ext other-ca
expired_leaf expired-merchant "/O=WeChat-Pay-Test/OU=wxpay-pos TEST ONLY/CN=1900000109" client.ext ca

chmod 644 "$OUT"/*
echo "test certificates written to $OUT (TEST ONLY)"
