"""A local HTTP server for the fetch tests, bound to 127.0.0.1 only (port chosen by the OS, written to a file).

/files/NAME   the file, with Range support (206) like a real download server
/norange/NAME the file, ignoring Range (200)
/cut/NAME     announces the full length, sends half, closes (an interrupted transfer)
/slow/NAME    sends one byte every 2 s (a stalled transfer)
/api/records/ID  the file record-ID.json (a Zenodo record's metadata)
anything else 404. Requested ranges are appended to DIR/ranges.log.
Usage: python3 http_fixture_server.py DIR PORTFILE
"""
import http.server
import os
import sys
import time

ROOT, PORTFILE = sys.argv[1], sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        path = os.path.join(ROOT, parts[-1]) if len(parts) == 2 else ""
        if parts[:2] == ["api", "records"] and len(parts) == 3:
            parts, path = ["api", ""], os.path.join(ROOT, f"record-{parts[2]}.json")
        if not path or not os.path.isfile(path) or parts[0] not in ("files", "norange", "cut", "slow", "api"):
            self.send_error(404)
            return
        data = open(path, "rb").read()
        rng = self.headers.get("Range")
        with open(os.path.join(ROOT, "ranges.log"), "a") as log:
            log.write(f"{parts[0]} {rng}\n")
        start = 0
        if rng and parts[0] == "files":
            start = int(rng.split("=")[1].split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if parts[0] == "cut":
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if parts[0] == "slow":
            for b in body:
                self.wfile.write(bytes([b]))
                self.wfile.flush()
                time.sleep(2)
            return
        self.wfile.write(body)


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
