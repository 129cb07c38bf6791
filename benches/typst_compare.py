#!/usr/bin/env python3
"""Side-by-side speed check against Typst (docs/performance.md).

Turns a report Planwright rendered to Markdown (with its `charts/*.svg`) into a comparable
Typst document — A4, the same margins, a cover, an outline, the same headings, paragraphs,
lists, tables and the same SVG charts, set in the same bundled fonts — then times, in one
interleaved run:

  * `planwright render PLAN -o DIR` (md + html + pdf, a whole process), and
  * Typst compiling that document to PDF (the PyPI build, `pip install typst`), both in
    process (`typst.compile`, what Typst itself costs) and as a whole `python3 -c` process.

Usage: python3 benches/typst_compare.py PLAN [RUNS]
Needs: pip install typst markdown-it-py; a release build (cargo build --release, or
PLANWRIGHT_BIN=target/x86_64-unknown-linux-gnu/release/planwright after `cargo static`).
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import typst
from markdown_it import MarkdownIt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the release build; PLANWRIGHT_BIN names another (`cargo static` makes
# target/x86_64-unknown-linux-gnu/release/planwright)
BIN = os.environ.get("PLANWRIGHT_BIN", os.path.join(ROOT, "target", "release", "planwright"))


def esc(text):
    """Typst markup escapes for plain text."""
    out = []
    for c in text:
        if c in "\\#$*_`<>@[]=-+/~\"'":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def inline(tokens):
    out = []
    for t in tokens:
        if t.type == "text":
            out.append(esc(t.content))
        elif t.type == "strong_open" or t.type == "strong_close":
            out.append("*")
        elif t.type == "em_open" or t.type == "em_close":
            out.append("_")
        elif t.type == "code_inline":
            out.append("`" + t.content.replace("`", "") + "`")
        elif t.type in ("softbreak",):
            out.append(" ")
        elif t.type in ("hardbreak",):
            out.append(" \\\n")
        elif t.type == "html_inline" and t.content.lower().startswith("<br"):
            out.append(" \\\n")
        elif t.type == "image":
            src = t.attrGet("src")
            out.append(f'#image("{src}", width: 100%)')
        elif t.children:
            out.append(inline(t.children))
    return "".join(out)


def convert(md):
    """Markdown (our report) → Typst body, without the Markdown's own cover and contents."""
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    out = []
    i = 0
    started = False
    list_stack = []
    row = []
    rows = []
    ncols = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open":
            level = int(t.tag[1])
            text = inline(tokens[i + 1].children)
            if level == 2 and not started:
                started = text not in ("目录", "Contents")
            if started and level >= 2:
                out.append("\n" + "=" * (level - 1) + " " + text + "\n")
            i += 3
            continue
        if not started:
            i += 1
            continue
        if t.type == "paragraph_open":
            text = inline(tokens[i + 1].children)
            if list_stack:
                marker = "-" if list_stack[-1] == "bullet" else "+"
                out.append("  " * (len(list_stack) - 1) + f"{marker} {text}\n")
            else:
                out.append("\n" + text + "\n")
            i += 3
            continue
        if t.type == "bullet_list_open":
            list_stack.append("bullet")
        elif t.type == "ordered_list_open":
            list_stack.append("ordered")
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
            out.append("\n")
        elif t.type == "table_open":
            rows, ncols = [], 0
        elif t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            row.append(inline(tokens[i + 1].children))
            i += 3
            continue
        elif t.type == "tr_close":
            rows.append(row)
            ncols = max(ncols, len(row))
        elif t.type == "table_close":
            cells = []
            for r in rows:
                cells.extend(f"[{c}]" for c in r + [""] * (ncols - len(r)))
            out.append(
                f"\n#table(columns: {ncols}, stroke: (x, y) => if y <= 1 {{ (top: 0.6pt) }}, "
                f"inset: 4pt, {', '.join(cells)})\n"
            )
        elif t.type == "hr":
            out.append("\n#line(length: 100%)\n")
        i += 1
    return "".join(out)


def typst_document(md, title):
    body = convert(md)
    return f"""#set page(paper: "a4", margin: (x: 31.7mm, y: 25.4mm),
  header: align(right, text(8.5pt, fill: gray)[{esc(title)}]),
  footer: context align(center, text(8.5pt, fill: gray, counter(page).display("1"))))
#set text(font: ("Noto Sans", "Noto Sans SC"), size: 10.5pt, lang: "zh")
#set par(justify: true, leading: 0.8em)
#set heading(numbering: none)
#show heading.where(level: 1): it => {{ pagebreak(weak: true); text(16pt, fill: rgb("#1f4e79"), it) }}
#page(header: none, footer: none)[
  #v(30%)
  #align(center, text(28pt, weight: "bold", fill: rgb("#1f4e79"))[{esc(title)}])
]
#outline()
{body}
"""


def timed(cmd, env=None):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t


def main():
    plan = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    stem = os.path.splitext(os.path.basename(plan))[0]
    # tmpfs when there is one: both sides write their files without waiting on a disk
    work = tempfile.mkdtemp(prefix="pw-typst-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    subprocess.run([BIN, "render", plan, "-o", work], check=True, stdout=subprocess.DEVNULL)
    report = os.path.join(work, stem)
    md = open(os.path.join(report, stem + ".md"), encoding="utf-8").read()
    title = md.splitlines()[0].lstrip("# ").strip()
    typ = os.path.join(report, "report.typ")
    with open(typ, "w", encoding="utf-8") as f:
        f.write(typst_document(md, title))
    fonts = [os.path.join(ROOT, "fonts")]
    pdf = os.path.join(report, "typst.pdf")
    typst.compile(typ, output=pdf, font_paths=fonts)  # warm the file cache
    ours, theirs, theirs_proc = [], [], []
    out = os.path.join(work, "o")
    script = f"import typst; typst.compile({typ!r}, output={pdf!r}, font_paths={fonts!r})"
    for _ in range(runs):
        ours.append(timed([BIN, "render", plan, "-o", out]))
        t = time.perf_counter()
        typst.compile(typ, output=pdf, font_paths=fonts)
        theirs.append(time.perf_counter() - t)
        theirs_proc.append(timed([sys.executable, "-c", script]))
    med = lambda v: statistics.median(v) * 1000  # noqa: E731
    pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")), "?")
    print(f"plan: {plan}  ({runs} interleaved runs)")
    print(f"planwright render (md+html+pdf, whole process): {med(ours):7.1f} ms")
    print(f"typst.compile (PDF, in process):                {med(theirs):7.1f} ms  ({pages} pages)")
    print(f"python3 -c typst.compile (whole process):       {med(theirs_proc):7.1f} ms")
    print(f"ratio planwright / typst in process:             {med(ours) / med(theirs):7.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
