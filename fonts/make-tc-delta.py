#!/usr/bin/env python3
"""Makes the Traditional Chinese faces Planwright bundles: the glyphs of Noto Sans TC that
differ from Noto Sans SC (Traditional glyph forms, centred punctuation) or that Noto Sans SC
lacks, as a TrueType subset, zlib-compressed.

A Traditional plan's PDF sets a character in this face when it has it and in Noto Sans SC
otherwise: a glyph left out here is drawn the same in both faces (same outline, same advance),
so the page looks as if set in Noto Sans TC alone, for half the bytes.

Usage (fontTools 4.x; the TC files from npm `@expo-google-fonts/noto-sans-tc` 0.4.3):
    python3 fonts/make-tc-delta.py NotoSansTC_400Regular.ttf fonts/NotoSansSC-Regular.ttf \
        fonts/NotoSansTC-Regular.delta.ttf.zlib
"""
import io
import sys
import zlib

from fontTools import subset
from fontTools.ttLib import TTFont


def differs(sc, tc, u):
    """True when code point `u` is drawn differently by the two faces (or SC lacks it)."""
    scm, tcm = sc.getBestCmap(), tc.getBestCmap()
    if u not in scm:
        return True
    a, b = sc["glyf"][scm[u]], tc["glyf"][tcm[u]]
    if sc["hmtx"][scm[u]][0] != tc["hmtx"][tcm[u]][0]:
        return True
    if a.numberOfContours == 0 or b.numberOfContours == 0:
        return a.numberOfContours != b.numberOfContours
    ca, cb = a.getCoordinates(sc["glyf"]), b.getCoordinates(tc["glyf"])
    return list(ca[0]) != list(cb[0]) or ca[1] != cb[1]


def main(tc_path, sc_path, out_path):
    tc, sc = TTFont(tc_path), TTFont(sc_path)
    keep = sorted(u for u in tc.getBestCmap() if differs(sc, tc, u))
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG", "STAT"]
    options.name_IDs = ["*"]
    options.glyph_names = False
    options.notdef_outline = True
    font = TTFont(tc_path)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=keep)
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    data = zlib.compress(buf.getvalue(), 9)
    with open(out_path, "wb") as f:
        f.write(data)
    print(f"{out_path}: {len(keep)} code points, {len(buf.getvalue())} bytes, {len(data)} compressed")


if __name__ == "__main__":
    main(*sys.argv[1:4])
