"""A stand-in for customer-service during the benchmark: every component exists, every environment belongs to
the one benchmark customer."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CUSTOMER = "00000000-0000-0000-0000-00000000c001"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[:2] == ["api", "components"] and len(parts) == 3:
            body = {"name": parts[2], "description": "bench", "mainlineVersion": "9.9.9",
                    "mainlineSetAt": "2026-01-01T00:00:00Z", "mainlineSetBy": "bench"}
        elif parts[:2] == ["api", "environments"] and len(parts) == 3:
            body = {"id": parts[2], "customerId": CUSTOMER, "customerName": "Bench Customer",
                    "customerOwner": {"id": None, "name": "Bench Owner"}, "name": "env-" + parts[2][:8], "type": "PROD",
                    "internalTest": False, "jenkinsTarget": None, "notes": None, "version": 1,
                    "customerTags": [], "customerArchived": False}
        else:
            body = None
            print("customer stub: no answer for GET " + self.path, file=sys.stderr, flush=True)
        data = json.dumps(body).encode() if body else b'{"status":404}'
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
