#!/usr/bin/env python3
"""Helpers for tests/load/run.sh, standard library only, 127.0.0.1 only.

  consistency.py urls     PORT OUT_DIR             page paths from /sitemap.xml, their bodies saved
  consistency.py capture  PORT PATH MARKER OUT     wait until PATH serves MARKER (stably), save the body
  consistency.py check    PORT PATH A B STOP_FILE  fetch PATH on many connections until STOP_FILE
                                                   exists: every answer must be exactly body A or B,
                                                   completely framed (Content-Length, or chunked
                                                   ending in its last chunk; a quarter of the
                                                   clients use Connection: close and read to EOF)
  consistency.py edit     FILE TEXT_A TEXT_B N INTERVAL MODE
                                                   write FILE N times, alternating A and B; MODE
                                                   `atomic` (temp file + rename) or `inplace`

`check` prints one JSON line with the totals; its exit status is 1 on any failure.
"""

import asyncio
import json
import os
import re
import sys
import time
import urllib.request

HOST = "127.0.0.1"
MARKERS = (b"VERSION-A", b"VERSION-B")


def fetch(port, path, timeout=10):
    with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=timeout) as r:
        return r.status, r.read()


def cmd_urls(port, out_dir):
    _, sitemap = fetch(port, "/sitemap.xml")
    paths = []
    for loc in re.findall(rb"<loc>([^<]+)</loc>", sitemap):
        m = re.match(rb"https?://[^/]+(/.*)", loc)
        if m:
            paths.append(m.group(1).decode())
    os.makedirs(os.path.join(out_dir, "expected"), exist_ok=True)
    names = []
    for i, p in enumerate(paths):
        status, body = fetch(port, p)
        if status != 200 or not body.rstrip().endswith(b"</html>"):
            sys.exit(f"{p}: status {status}, {len(body)} bytes: not a whole page")
        name = f"page{i}.html"
        with open(os.path.join(out_dir, "expected", name), "wb") as f:
            f.write(body)
        names.append(name)
    with open(os.path.join(out_dir, "urls.txt"), "w") as f:
        f.write("".join(p + "\n" for p in paths))
    with open(os.path.join(out_dir, "expected.list"), "w") as f:
        f.write("".join(n + "\n" for n in names))
    print(len(paths))


def cmd_capture(port, path, marker, out, timeout=60):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        status, body = fetch(port, path)
        if status == 200 and marker.encode() in body:
            if body == last:
                with open(out, "wb") as f:
                    f.write(body)
                print(len(body))
                return
            last = body
        time.sleep(0.2)
    sys.exit(f"{path} never served {marker} within {timeout}s")


class Stats:
    def __init__(self):
        self.requests = 0
        self.a = 0
        self.b = 0
        self.failures = {}
        self.examples = []
        self.latencies = []
        self.switches = 0
        self.last_version = None
        self.status_polls = 0
        self.status_errors = []
        self.chunked = 0
        self.with_length = 0

    def fail(self, kind, detail):
        self.failures[kind] = self.failures.get(kind, 0) + 1
        if len(self.examples) < 10:
            self.examples.append(f"{kind}: {detail}")


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return status, headers


def unchunk(raw):
    """Decodes a whole chunked body; ValueError unless it ends with the last chunk exactly."""
    body, i = bytearray(), 0
    while True:
        j = raw.index(b"\r\n", i)
        size = int(raw[i:j].split(b";")[0], 16)
        i = j + 2
        if size == 0:
            if raw[i:] != b"\r\n":
                raise ValueError(f"{len(raw) - i} bytes after the last chunk")
            return bytes(body)
        if raw[i + size:i + size + 2] != b"\r\n":
            raise ValueError("a chunk is cut short")
        body += raw[i:i + size]
        i += size + 2


async def read_body(reader, headers, close_each, stats):
    """The body as framed by the server: Content-Length, or chunked (tiny_http chunks large bodies)."""
    chunked = "chunked" in headers.get("transfer-encoding", "").lower()
    length = headers.get("content-length")
    if chunked:
        stats.chunked += 1
    elif length is not None:
        stats.with_length += 1
    if close_each:
        # Everything up to the server's close must be exactly one framed body.
        raw = await reader.read(-1)
        if chunked:
            return unchunk(raw)
        if length is None:
            return raw
        if len(raw) != int(length):
            raise ValueError(f"Content-Length {length}, {len(raw)} bytes before the close")
        return raw
    if chunked:
        body = bytearray()
        while True:
            line = await reader.readuntil(b"\r\n")
            size = int(line[:-2].split(b";")[0], 16)
            if size == 0:
                if await reader.readexactly(2) != b"\r\n":
                    raise ValueError("trailers after the last chunk")
                return bytes(body)
            body += await reader.readexactly(size)
            if await reader.readexactly(2) != b"\r\n":
                raise ValueError("a chunk is cut short")
    if length is None:
        raise ValueError("keep-alive answer with neither Content-Length nor chunked framing")
    return await reader.readexactly(int(length))


async def worker(n, port, path, bodies, stop_file, stats, close_each):
    """One client: keep-alive requests, or (close_each) one connection per request read to EOF."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Connection: {'close' if close_each else 'keep-alive'}\r\n\r\n"
    ).encode()
    reader = writer = None
    while not os.path.exists(stop_file):
        t0 = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(HOST, port), 10
                )
            writer.write(request)
            await writer.drain()
            status, headers = await asyncio.wait_for(read_response(reader), 10)
            body = await asyncio.wait_for(read_body(reader, headers, close_each, stats), 10)
            stats.requests += 1
            stats.latencies.append(time.monotonic() - t0)
            if status != 200:
                stats.fail("status", f"{status}")
            elif not body.rstrip().endswith(b"</html>"):
                stats.fail("truncated", f"{len(body)} bytes, ends {body[-40:]!r}")
            elif sum(m in body for m in MARKERS) != 1:
                stats.fail("markers", f"markers present: {[m for m in MARKERS if m in body]}")
            elif body == bodies[0]:
                stats.a += 1
                if stats.last_version == 1:
                    stats.switches += 1
                stats.last_version = 0
            elif body == bodies[1]:
                stats.b += 1
                if stats.last_version == 0:
                    stats.switches += 1
                stats.last_version = 1
            else:
                stats.fail("neither-version", f"{len(body)} bytes")
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, OSError, ValueError, IndexError) as e:
            stats.requests += 1
            stats.fail(type(e).__name__, str(e)[:200])
            close_each_now = True
        else:
            close_each_now = close_each
        if close_each_now and writer is not None:
            writer.close()
            try:
                await writer.wait_closed()
            except (ConnectionError, OSError):
                pass
            reader = writer = None


async def status_poller(port, stop_file, stats):
    """`/__ocaq/status` is empty while the last build is good."""
    while not os.path.exists(stop_file):
        try:
            status, body = await asyncio.to_thread(fetch, port, "/__ocaq/status")
            stats.status_polls += 1
            if status != 200 or body.strip():
                if len(stats.status_errors) < 5:
                    stats.status_errors.append(body.decode("utf-8", "replace")[:500])
        except OSError as e:
            stats.status_errors.append(f"status fetch failed: {e}")
        await asyncio.sleep(0.2)


async def cmd_check(port, path, file_a, file_b, stop_file, connections):
    bodies = [open(file_a, "rb").read(), open(file_b, "rb").read()]
    if bodies[0] == bodies[1]:
        sys.exit("the two versions are the same")
    stats = Stats()
    started = time.monotonic()
    tasks = [
        worker(i, port, path, bodies, stop_file, stats, close_each=(i % 4 == 0))
        for i in range(connections)
    ]
    tasks.append(status_poller(port, stop_file, stats))
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - started
    lat = sorted(stats.latencies)

    def pct(p):
        return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 2) if lat else None

    result = {
        "requests": stats.requests,
        "version_a": stats.a,
        "version_b": stats.b,
        "failures": sum(stats.failures.values()),
        "failure_kinds": stats.failures,
        "failure_examples": stats.examples,
        "version_changes_in_completion_order": stats.switches,
        "seconds": round(elapsed, 2),
        "requests_per_s": round(stats.requests / elapsed, 1) if elapsed else None,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": pct(1.0),
        "status_polls": stats.status_polls,
        "status_errors": stats.status_errors,
        "connections": connections,
        "framing": {"content_length": stats.with_length, "chunked": stats.chunked},
    }
    print(json.dumps(result))
    return 0 if result["failures"] == 0 and not stats.status_errors and stats.a and stats.b else 1


def cmd_edit(file, text_a, text_b, n, interval, mode):
    versions = [open(text_a, "rb").read(), open(text_b, "rb").read()]
    d, name = os.path.split(file)
    for i in range(n):
        data = versions[i % 2]
        if mode == "atomic":
            # A hidden temp file beside the page, renamed over it: readers see one whole file.
            tmp = os.path.join(d, f".{name}.load-edit")
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, file)
        else:
            with open(file, "wb") as f:
                f.write(data)
        time.sleep(interval)
    print("AB"[(n - 1) % 2])


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "urls":
        cmd_urls(int(args[0]), args[1])
    elif cmd == "capture":
        cmd_capture(int(args[0]), args[1], args[2], args[3])
    elif cmd == "check":
        conns = int(os.environ.get("CHECK_CONNECTIONS", "100"))
        sys.exit(asyncio.run(cmd_check(int(args[0]), args[1], args[2], args[3], args[4], conns)))
    elif cmd == "edit":
        cmd_edit(args[0], args[1], args[2], int(args[3]), float(args[4]), args[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
