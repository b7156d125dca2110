#!/usr/bin/env python3
"""Writes crates/guanxi-core/src/search/pinyin.txt: for each toneless syllable, the characters
whose most common reading it is, from mozillazg/pinyin-data's kMandarin_8105.txt (the 8,105
characters of the 2013 Table of General Standard Chinese Characters; MIT licence, from Unihan).

    python3 tools/pinyin/gen.py path/to/kMandarin_8105.txt > crates/guanxi-core/src/search/pinyin.txt

Tones are dropped (a search box is typed without them) and ü is written v, as pinyin input
methods do. Grouping by syllable keeps the table small: about 8,500 characters' worth of bytes.
"""
import sys
import unicodedata

TONELESS = {"ü": "v", "ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v"}


def toneless(reading):
    out = []
    for ch in reading:
        if ch in TONELESS:
            out.append(TONELESS[ch])
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base)
    return "".join(out)


def main(path):
    groups = {}
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)
        if not line[0].startswith("U+"):
            continue
        code, readings = line[0].split(":", 1)
        first = readings.strip().split(",")[0].strip()
        if not first:
            continue
        syllable = toneless(first)
        assert syllable.isascii() and syllable.isalpha(), (code, first, syllable)
        groups.setdefault(syllable, []).append(chr(int(code[2:], 16)))
    for syllable in sorted(groups):
        print(syllable, "".join(groups[syllable]))


main(sys.argv[1])
