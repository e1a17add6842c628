#!/usr/bin/env python3
"""Replace the lines of FILE from the line equal to START up to (not including) the line equal to END
with standard input. Used by `make fields-doc` to regenerate a table inside a hand-written document."""
import sys

path, start, end = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().split("\n")
first, last = lines.index(start), lines.index(end)
replacement = sys.stdin.read().rstrip("\n").split("\n")
lines[first:last] = replacement
open(path, "w", encoding="utf-8").write("\n".join(lines))
