#!/usr/bin/env python3
"""Edit-to-reload latency of `medsite serve`.

For the sample site and for a site with N extra generated articles, starts the real server, opens
its event stream, then saves one article the way editors' tools do (write a temporary file, rename it
over the original) and measures the time from the rename to the `reload` event arriving on the
stream. Repeats, prints min / median / p90 / max, and checks that the page really shows the edit.

  python3 scripts/serve-latency.py --binary .build/release/medsite --articles 10000 --edits 20
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-11-23"


def make_site(extra_articles):
    root = tempfile.mkdtemp(prefix="medsite-latency-")
    shutil.copy(os.path.join(REPO, "medsite.yml"), root)
    shutil.copytree(os.path.join(REPO, "Content"), os.path.join(root, "Content"))
    if extra_articles:
        # A valid article without links to other articles, copied under new slugs and titles.
        with open(os.path.join(REPO, "Content", "diabetes", "type-2-diabetes-diet.md"), encoding="utf-8") as f:
            template = f.read()
        folder = os.path.join(root, "Content", "generated")
        os.makedirs(folder)
        for index in range(extra_articles):
            text = template.replace('\ntitle: "', f'\nslug: generated-{index:05d}\ntitle: "Article {index:05d}: ', 1)
            with open(os.path.join(folder, f"generated-{index:05d}.md"), "w", encoding="utf-8") as f:
                f.write(text)
    return root


def start_server(binary, site):
    process = subprocess.Popen([binary, "serve", "--site", site, "--port", "0", "--now", NOW],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines = []
    while True:
        line = process.stdout.readline()
        if not line:
            raise SystemExit("server exited early:\n" + "".join(lines))
        lines.append(line)
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if match:
            return process, int(match.group(1)), lines


class EventStream:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__medsite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        self.buffer = b""

    def wait_for(self, name, timeout=60):
        deadline = time.monotonic() + timeout
        marker = b"event: " + name.encode()
        while marker not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SystemExit(f"no '{name}' event within {timeout} s")
            self.sock.settimeout(remaining)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise SystemExit("event stream closed")
            self.buffer += chunk
        arrived = time.monotonic()
        self.buffer = self.buffer[self.buffer.index(marker) + len(marker):]
        return arrived


def fetch(port, path):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return data.decode("utf-8", "replace")
            data += chunk


def measure(binary, extra_articles, edits):
    site = make_site(extra_articles)
    process = None
    try:
        started = time.monotonic()
        process, port, startup = start_server(binary, site)
        startup_seconds = time.monotonic() - started
        events = EventStream(port)
        events.wait_for("hello")
        article = os.path.join(site, "Content", "pml-first-line-treatment.md")
        with open(article, encoding="utf-8") as f:
            original = f.read()
        samples = []
        for index in range(edits):
            marker = f"Latency edit {index} of {edits}."
            temporary = os.path.join(os.path.dirname(article), ".pml-first-line-treatment.md.swp-save")
            with open(temporary, "w", encoding="utf-8") as f:
                f.write(original + f"\n{marker}\n")
            saved = time.monotonic()
            os.rename(temporary, article)
            arrived = events.wait_for("reload")
            samples.append((arrived - saved) * 1000)
            time.sleep(0.25)  # let the next edit start a new batch
        page = fetch(port, "/pml-first-line-treatment/")
        if f"Latency edit {edits - 1} of {edits}." not in page:
            raise SystemExit("the page does not show the last edit")
        samples.sort()
        p90 = samples[min(len(samples) - 1, int(round(0.9 * (len(samples) - 1))))]
        articles = 7 + extra_articles
        print(f"{articles:>6} articles: edit→reload min {samples[0]:6.1f} ms · median {statistics.median(samples):6.1f} ms · "
              f"p90 {p90:6.1f} ms · max {samples[-1]:6.1f} ms  ({edits} edits; server start {startup_seconds:.1f} s)")
        sys.stdout.flush()
    finally:
        if process:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(site, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(REPO, ".build", "release", "medsite"))
    parser.add_argument("--articles", type=int, nargs="*", default=[0, 10000],
                        help="extra generated articles per run (0 = the sample site alone)")
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    print(f"medsite serve latency ({os.cpu_count()} cores, {os.getloadavg()[0]:.1f} load): one article saved by rename")
    for extra in args.articles:
        measure(args.binary, extra, args.edits)


if __name__ == "__main__":
    main()
