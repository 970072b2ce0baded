#!/usr/bin/env python3
"""A local HTTP server for the Fetch tests: one scenario per path.

Listens on 127.0.0.1, port 0 (the system picks one), and prints the port on stdout; or on
`test_server.py HOST PORT [LOG]`. With LOG, every connection accepted and every request's headers
are appended to that file as JSON lines (the redirect tests check what reached a host).
Per-test state (for /flaky, /ratelimited, hit counts) is keyed by the `case` query parameter so
tests running at the same time do not share it.
"""
import gzip
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

OK_CSV = "指标,年份,数值,单位\n地区生产总值,2022,512.3,亿元\n规模以上工业增加值,2022,6.1,%\n".encode("utf-8")
GBK_CSV = "指标,年份,数值,单位\n一般公共预算收入,2022,18.6,亿元\n粮食产量,2022,98.5,万吨\n".encode("gbk")
BIG_SIZE = 2 * 1024 * 1024

hits = {}
lock = threading.Lock()


def count(path, key):
    with lock:
        n = hits.get((path, key), 0) + 1
        hits[(path, key)] = n
        return n


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send_body(self, status, body, content_type="text/plain; charset=utf-8", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        if LOG:
            record = {"event": "request", "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}
            with lock, open(LOG, "a") as f:
                f.write(json.dumps(record) + "\n")
        url = urlparse(self.path)
        query = parse_qs(url.query)
        key = query.get("case", [""])[0]
        path = url.path
        if path == "/hits":
            target = query.get("path", [""])[0]
            with lock:
                value = hits.get((target, key), 0)
            return self.send_body(200, str(value).encode())
        n = count(path, key)
        if path == "/ok.csv":
            return self.send_body(200, OK_CSV, "text/csv; charset=utf-8")
        if path == "/headers":
            # Echoes the names (not values) of the headers received, and whether the token matched.
            names = ",".join(sorted(h.lower() for h in self.headers.keys()))
            token_ok = self.headers.get("Authorization") == "Bearer secret-token-123"
            agent = self.headers.get("User-Agent", "")
            body = f"names={names}\nauthorized={token_ok}\nagent={agent}\n".encode()
            return self.send_body(200, body)
        if path == "/etag":
            etag = '"v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            return self.send_body(
                200, OK_CSV, "text/csv; charset=utf-8",
                {"ETag": etag, "Last-Modified": "Wed, 01 Mar 2023 08:00:00 GMT"})
        if path == "/flaky":
            if n == 1:
                return self.send_body(503, b"busy")
            return self.send_body(200, OK_CSV, "text/csv; charset=utf-8")
        if path == "/ratelimited":
            if n == 1:
                return self.send_body(429, b"slow down", headers={"Retry-After": "1"})
            return self.send_body(200, OK_CSV, "text/csv; charset=utf-8")
        if path == "/always503":
            return self.send_body(503, b"down")
        if path == "/missing":
            return self.send_body(404, b"not here")
        if path == "/slow":
            time.sleep(float(query.get("seconds", ["3"])[0]))
            return self.send_body(200, OK_CSV, "text/csv; charset=utf-8")
        if path == "/big":
            if query.get("chunked", ["0"])[0] == "1":
                # No Content-Length: the client only learns the size while reading.
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                block = b"x" * 65536
                try:
                    for _ in range(BIG_SIZE // len(block)):
                        self.wfile.write(block)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True
                return
            return self.send_body(200, b"x" * BIG_SIZE, "application/octet-stream")
        if path == "/gzip":
            body = gzip.compress(OK_CSV)
            return self.send_body(200, body, "text/csv; charset=utf-8", {"Content-Encoding": "gzip"})
        if path == "/gbk.csv":
            return self.send_body(200, GBK_CSV, "text/csv; charset=GBK")
        if path == "/gbk-undeclared.csv":
            return self.send_body(200, GBK_CSV, "text/csv")
        if path == "/latin1.csv":
            return self.send_body(200, "name,value\ncafé,1\n".encode("latin-1"), "text/csv; charset=ISO-8859-1")
        if path == "/koi8.csv":
            return self.send_body(200, "name,value\nдом,1\n".encode("koi8-r"), "text/csv; charset=KOI8-R")
        if path == "/loop":
            return self.send_body(302, b"", headers={"Location": "/loop"})
        if path == "/to-file":
            return self.send_body(302, b"", headers={"Location": "file:///etc/passwd"})
        if path == "/moved":
            return self.send_body(301, b"", headers={"Location": "/ok.csv"})
        if path == "/redirect":
            return self.send_body(302, b"", headers={"Location": query.get("to", ["/ok.csv"])[0]})
        if path == "/seed":
            # A file of the repository's seeds/ folder, as plain UTF-8 text.
            seeds = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "seeds")
            name = os.path.basename(query.get("name", [""])[0])
            with open(os.path.join(seeds, name), "rb") as f:
                return self.send_body(200, f.read(), "text/plain; charset=utf-8")
        if path == "/maintenance":
            page = "<!DOCTYPE html><html><head><title>系统维护</title></head><body><p>系统维护中，请稍后访问。</p></body></html>"
            return self.send_body(200, page.encode("utf-8"), "text/html; charset=utf-8")
        return self.send_body(404, b"unknown scenario")


LOG = None


class QuietServer(ThreadingHTTPServer):
    def get_request(self):
        conn, peer = super().get_request()
        if LOG:
            with lock, open(LOG, "a") as f:
                f.write(json.dumps({"event": "connection", "peer": peer[0]}) + "\n")
        return conn, peer

    def handle_error(self, request, client_address):
        # Clients that hang up early (timeouts, size limits) are part of the scenarios.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main():
    # The test runner may start us with signals blocked; make SIGTERM (Process.terminate()) work.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    global LOG
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    LOG = sys.argv[3] if len(sys.argv) > 3 else None
    server = QuietServer((host, port), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
