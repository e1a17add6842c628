#!/usr/bin/env python3
"""What this machine needs for the parts of a build no site generator can skip, for bench/run.py.

    bench/floor.py manifest OUTPUT MANIFEST     list every file of a built site with its size
    bench/floor.py write MANIFEST DESTINATION   create the same folders and files (bytes of the
                                                same sizes) on as many threads as there are cores

With `cmark` rendering every article on all cores (run.py times that with xargs), this gives the
floor under a cold build here: Markdown parsed once, and the pages written. medsite also parses
front matter, validates every article and renders templates, so it cannot be faster than their sum.
"""
import os
import sys
import threading


def manifest(output, path):
    with open(path, "w") as out:
        for folder, _, files in os.walk(output):
            for name in files:
                full = os.path.join(folder, name)
                out.write(f"{os.path.getsize(full)}\t{os.path.relpath(full, output)}\n")


def write(path, destination):
    entries = [line.rstrip("\n").split("\t", 1) for line in open(path)]
    os.mkdir(destination)
    cores = os.cpu_count() or 1
    data = b"x" * max((int(size) for size, _ in entries), default=0)

    def work(part):
        # Folders are created as files need them, as a generator writing page by page does.
        for size, relative in entries[part::cores]:
            target = os.path.join(destination, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            os.write(descriptor, data[: int(size)])
            os.close(descriptor)

    threads = [threading.Thread(target=work, args=(part,)) for part in range(cores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    {"manifest": manifest, "write": write}[sys.argv[1]](sys.argv[2], sys.argv[3])
