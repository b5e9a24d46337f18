#!/usr/bin/env python3
"""A stand-in for auth-service's key endpoint, so the benchmark runs without the platform.

customer-service checks every request's access token like in production (ES256, a key from the JWKS under the
token's kid, iss/aud/exp; common PlatformJwt). This makes a fresh P-256 key, serves its public half as a JWKS on
127.0.0.1:PORT/api/auth/jwks, and prints one access token (an ADMIN, valid 3 hours) on the first line of stdout;
then it serves until killed. Usage: jwks.py PORT
"""
import base64
import http.server
import json
import sys
import threading
import time
import uuid

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

PORT = int(sys.argv[1])
KEY = ec.generate_private_key(ec.SECP256R1())
KID = "bench-" + uuid.uuid4().hex[:8]


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwks():
    numbers = KEY.public_key().public_numbers()
    return {"keys": [{"kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": KID,
                      "x": b64(numbers.x.to_bytes(32, "big")), "y": b64(numbers.y.to_bytes(32, "big"))}]}


def token():
    now = int(time.time())
    header = {"alg": "ES256", "typ": "JWT", "kid": KID}
    claims = {"iss": "inetpublish-auth", "aud": ["inetpublish"], "sub": "ou_bench", "name": "Bench",
              "roles": ["ADMIN"], "iat": now, "exp": now + 3 * 3600, "sid": uuid.uuid4().hex}
    signing_input = (b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())).encode()
    r, s = decode_dss_signature(KEY.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    return signing_input.decode() + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(jwks()).encode()
        self.send_response(200 if self.path == "/api/auth/jwks" else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(token(), flush=True)
threading.Event().wait()
