#!/usr/bin/env python3
"""What a reader downloads from a built site (issue 17): search index bytes per article, the
largest HTML page and the largest listing page (raw and gzip), and, in headless Chromium, the
bytes a search transfers (opening the search page and running one query, everything gzip-sized
as a compressing server would send it) and the time from submitting the query to its results.

    bench/page_weight.py Output/ [--query diabetes]   # prints one JSON object
"""
import argparse
import functools
import gzip
import http.server
import json
import os
import sys
import threading
import time


def gzip_size(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), compresslevel=6, mtime=0))


def is_article(relative):
    """Article pages are `<slug>/index.html`; everything else HTML is generated (listings, search, 404)."""
    parts = relative.split("/")
    return len(parts) == 2 and parts[1] == "index.html" and parts[0] not in ("search", "tags", "conditions")


def page_sizes(output):
    largest, listing = (0, ""), (0, "")
    index_bytes = 0
    articles = 0
    for folder, _, files in os.walk(output):
        for name in files:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, output)
            size = os.path.getsize(path)
            if relative.startswith("search/") and name.endswith(".json") and not relative.startswith("search/more/"):
                index_bytes += size
            if not name.endswith(".html"):
                continue
            if is_article(relative):
                articles += 1
            largest = max(largest, (size, relative))
            if not is_article(relative) and relative != "404.html":
                listing = max(listing, (size, relative))
    return {
        "articles": articles,
        "index_bytes_per_article": round(index_bytes / max(articles, 1)),
        "largest_page": largest[1], "largest_page_bytes": largest[0],
        "largest_page_gzip": gzip_size(os.path.join(output, largest[1])),
        "largest_listing": listing[1], "largest_listing_bytes": listing[0],
        "largest_listing_gzip": gzip_size(os.path.join(output, listing[1])),
    }


def serve(directory):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


QUERY_SCRIPT = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const results = document.getElementById('search-results');
input.value = query;
const start = performance.now();
input.form.requestSubmit();
(function wait() {
  if (status.textContent && (results.querySelector('li p') || status.textContent.includes('No pages') || status.textContent.includes('could not load'))) {
    done({ms: performance.now() - start, results: results.children.length});
  } else { setTimeout(wait, 2); }
})();
"""


def query_cost(output, query):
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]:
        options.add_argument(argument)
    browser = webdriver.Chrome(options=options)
    server = serve(output)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        browser.set_script_timeout(60)
        browser.get(base + "search/")
        found = browser.execute_async_script(QUERY_SCRIPT, query)
        names = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])")
        transferred = 0
        for name in set(names):
            relative = name.removeprefix(base).split("?")[0]
            path = os.path.join(output, relative)
            if os.path.isdir(path):
                path = os.path.join(path, "index.html")
            if os.path.isfile(path):
                transferred += gzip_size(path)
        return {"query": query, "query_ms": round(found["ms"], 1), "results_shown": found["results"],
                "query_files": len(set(names)), "query_bytes_gzip": transferred}
    finally:
        browser.quit()
        server.shutdown()


def measure(output, query="diabetes"):
    result = page_sizes(output)
    result.update(query_cost(output, query))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--query", default="diabetes")
    args = parser.parse_args()
    json.dump(measure(os.path.abspath(args.output), args.query), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
