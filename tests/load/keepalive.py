#!/usr/bin/env python3
"""Keep-alive latency of `ocaq serve`, standard library only, 127.0.0.1 only.

  tests/load/keepalive.py OCAQ SITE [REQUESTS] [PATH]

Starts `OCAQ serve --root SITE --port 0`, then sends REQUESTS (200) GETs of PATH
(/en/about/, a page over 1 KiB) one after another on ONE kept-alive connection, as
a browser does, and prints the median, 90th percentile and maximum time from
sending a request to reading the whole body, first request excluded. Not a test
(no pass or fail): figures for a report. Before TCP_NODELAY the median was the
client's delayed-ACK timer (about 40 ms on Linux); after, well under 1 ms.
"""

import http.client
import re
import statistics
import subprocess
import sys
import time


def start(ocaq, site):
    proc = subprocess.Popen(
        [ocaq, "serve", "--root", site, "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in proc.stderr:
        m = re.search(r"serving on http://127\.0\.0\.1:(\d+)", line)
        if m:
            return proc, int(m.group(1))
    proc.kill()
    sys.exit("ocaq serve did not start")


def main():
    ocaq, site = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    path = sys.argv[4] if len(sys.argv) > 4 else "/en/about/"
    proc, port = start(ocaq, site)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        times, size = [], 0
        for i in range(n + 1):
            t0 = time.perf_counter()
            conn.request("GET", path, headers={"Connection": "keep-alive"})
            r = conn.getresponse()
            body = r.read()
            elapsed = time.perf_counter() - t0
            if r.status != 200:
                sys.exit(f"{path}: status {r.status}")
            size = len(body)
            if i > 0:
                times.append(elapsed * 1000)
        times.sort()
        print(
            f"{n} keep-alive GETs of {path} ({size} bytes): "
            f"median {statistics.median(times):.2f} ms, "
            f"p90 {times[int(len(times) * 0.9) - 1]:.2f} ms, max {times[-1]:.2f} ms"
        )
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
