#!/usr/bin/env python3
"""Edit-to-served-page latency of `guidesite serve`.

Starts the preview on a site, then edits one indicator N times (a new sentence each time)
and measures how long until GET of that page returns the new text. Also reads the server's
own "page updated in X ms" lines. Prints medians.

    python3 benches/serve_latency.py target/bench/10k/guidesite [--runs 10]
"""
import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--binary", default="target/release/guidesite")
    ap.add_argument("--page", default="content/p1/s01/i01.md", help="file to edit, relative to the site")
    ap.add_argument("--url", default="/en/1.1.1.html")
    a = ap.parse_args()

    server = subprocess.Popen([a.binary, "serve", "--root", a.site, "--port", "0"],
                              stderr=subprocess.PIPE, text=True)
    port = None
    rebuilds = []
    started = threading.Event()

    def read():
        nonlocal port
        for line in server.stderr:
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if m and port is None:
                port = int(m.group(1))
                started.set()
            m = re.search(r"page updated in ([0-9.]+) ms", line)
            if m:
                rebuilds.append(float(m.group(1)))

    threading.Thread(target=read, daemon=True).start()
    if not started.wait(600):
        sys.exit("the server did not start")
    path = os.path.join(a.site, a.page)
    original = open(path, encoding="utf-8").read()
    latencies = []
    try:
        for i in range(a.runs):
            marker = f"Latency probe {i} {time.time_ns()}."
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original + f"\n{marker}\n")
            while True:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", a.url)
                body = conn.getresponse().read().decode("utf-8", "replace")
                conn.close()
                if marker in body:
                    break
                time.sleep(0.002)
            latencies.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.3)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        server.terminate()
    print(f"edit to served page: median {statistics.median(latencies):.0f} ms "
          f"(min {min(latencies):.0f}, max {max(latencies):.0f}) over {len(latencies)} edits")
    if rebuilds:
        print(f"rebuild inside the server: median {statistics.median(rebuilds):.1f} ms")


if __name__ == "__main__":
    main()
