#!/usr/bin/env python3
"""Writes simplified-only.txt: the characters used only in Simplified Chinese, which the
locale test forbids in the tool's own zh-TW and zh-HK words.

Source: OpenCC's character tables (Apache-2.0; shipped, for example, in the crates.io
package `ferrous-opencc` 0.4.0 under assets/dictionaries/): STCharacters.txt (Simplified →
Traditional) and TWVariants.txt / HKVariants.txt (OpenCC's Traditional → the forms Taiwan and
Hong Kong write). A character is Simplified-only when it has Traditional forms and is neither
one of them nor one of their Taiwan or Hong Kong forms: 说 (說) is; 后 (后 後), 干 (干 幹 乾)
and 群 (羣, which Taiwan writes 群) are not.

Usage: python3 tests/suite/data/make-simplified-only.py path/to/assets/dictionaries
"""
import os
import sys


def table(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            key, values = line.split("\t")
            out[key] = values.split(" ")
    return out


folder = sys.argv[1]
st = table(os.path.join(folder, "STCharacters.txt"))
regional = [table(os.path.join(folder, f)) for f in ("TWVariants.txt", "HKVariants.txt")]
only = []
for simplified, traditional in st.items():
    forms = set(traditional)
    for variants in regional:
        for t in traditional:
            forms.update(variants.get(t, []))
    if simplified not in forms:
        only.append(simplified)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "simplified-only.txt"), "w", encoding="utf-8") as f:
    f.write("# Simplified-only characters (OpenCC STCharacters, TWVariants, HKVariants; Apache-2.0)\n")
    f.write("# made by make-simplified-only.py beside this file. One line, no separators.\n")
    f.write("".join(only) + "\n")
print(len(only), "characters")
