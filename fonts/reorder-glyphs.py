#!/usr/bin/env python3
"""Puts the glyphs of a bundled Noto Sans SC face in the order reports use them.

The face is compiled into the binary and read in place, so every glyph a report draws
brings the 64 KB of the file around it into memory (the kernel maps pages in blocks). In the
font as shipped the glyphs follow Unicode order, and the thousand characters of a report are
spread over all of its 10 MB: a report mapped nearly the whole file of each weight. Here the
glyphs of common text come first: Latin and punctuation, then the 3,755 common characters of
GB 2312 (level 1), its 3,008 less common ones (level 2), the common Traditional characters of
Big5 (level 1), and then every other glyph in its old order. A report's glyphs then sit in the
first megabyte or two of the file.

Only the order changes: every code point keeps the same outline and advance (checked below,
for every glyph), and every table that names glyphs is rewritten by fontTools to the new
order. The layout and vertical tables (GSUB, GPOS, GDEF, BASE, STAT, vhea, vmtx) are dropped:
neither the charts (advance widths) nor the PDF (subsets of outlines and advances) read them,
and their coverage tables would no longer be in glyph order. The timestamp in `head` is
kept, so the same input gives the same bytes.

Usage (fontTools 4.x):
    python3 fonts/reorder-glyphs.py fonts/NotoSansSC-Regular.ttf OUT.ttf
"""
import sys

from fontTools.ttLib import TTFont


# Tables neither the charts nor the PDF read.
UNUSED = ["GSUB", "GPOS", "GDEF", "BASE", "STAT", "vhea", "vmtx"]


def gb2312(level):
    """The characters of GB 2312 level 1 (rows 16-55) or level 2 (rows 56-87), in code order."""
    rows = range(16, 56) if level == 1 else range(56, 88)
    out = []
    for row in rows:
        for cell in range(1, 95):
            try:
                out.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def big5_level1():
    """The 5,401 common characters of Big5 (0xA440-0xC67E), in code order."""
    out = []
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            if (lead << 8 | trail) > 0xC67E:
                break
            try:
                out.append(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return out


def first_code_points():
    """Code points in the order their glyphs should come."""
    early = list(range(0x20, 0x7F)) + list(range(0xA0, 0x180))
    early += list(range(0x2000, 0x2070)) + list(range(0x3000, 0x3040)) + list(range(0xFF00, 0xFFF0))
    chars = gb2312(1) + gb2312(2) + big5_level1()
    return early + [ord(c) for c in chars]


def signature(font, name):
    """What a glyph draws: its advance and its outline (flattened for composites)."""
    glyf = font["glyf"]
    g = glyf[name]
    advance = font["hmtx"][name]
    if g.numberOfContours == 0:
        return advance, None
    coords, ends, flags = g.getCoordinates(glyf)
    return advance, (list(coords), list(ends), list(flags))


def main(src, out):
    font = TTFont(src)
    old = font.getGlyphOrder()
    cmap = font.getBestCmap()
    before = {u: signature(font, g) for u, g in cmap.items()}
    order, seen = [old[0]], {old[0]}
    for u in first_code_points():
        name = cmap.get(u)
        if name and name not in seen:
            order.append(name)
            seen.add(name)
    order += [g for g in old if g not in seen]
    assert sorted(order) == sorted(old)
    for tag in UNUSED:
        if tag in font:
            del font[tag]
    # every table is decompiled under the old order, then compiled under the new one
    for tag in font.keys():
        if tag != "GlyphOrder":
            font[tag]
    font.setGlyphOrder(order)
    font["post"].glyphOrder = order
    font.recalcTimestamp = False
    font.save(out)
    check = TTFont(out)
    after_cmap = check.getBestCmap()
    assert after_cmap.keys() == cmap.keys()
    for u, sig in before.items():
        assert signature(check, after_cmap[u]) == sig, hex(u)
    moved = sum(1 for a, b in zip(old, order) if a != b)
    print(f"{out}: {len(order)} glyphs, {moved} moved, {len(before)} code points checked")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
