#!/usr/bin/env python3
"""Writes the inputs of the documents benchmark from seeds/*.txt (run from the package root).

  make_documents.py text OUT MEGABYTES   the seed documents, each after a "# name" line, repeated
  make_documents.py html OUT MEGABYTES   one HTML page: the same documents as <p> blocks inside a
                                         CMS-like template (navigation, script, share widget,
                                         footer) with a data table after each document
  make_documents.py print OUT ROUNDS     an HTML page to print to PDF: ROUNDS copies of the
                                         documents, with a running header and page numbers
"""
import glob
import html
import os
import sys

def documents():
    docs = []
    for path in sorted(glob.glob("seeds/*.txt")):
        with open(path, encoding="utf-8") as f:
            docs.append((os.path.basename(path), f.read()))
    return docs

TABLE = """<table border="1"><caption>表 主要产品产量</caption>
<tr><th rowspan="2">产品名称</th><th colspan="2">本年</th></tr>
<tr><th>产量(万吨)</th><th>比上年增长(%)</th></tr>
<tr><td>粮食</td><td>186.5</td><td>2.3</td></tr><tr><td>水泥</td><td>312.6</td><td>-4.8</td></tr></table>
"""

def doc_html(name, text, heading):
    """One document as HTML: its name in a `heading` element, a <p> per non-empty line, then TABLE."""
    parts = ["<%s># %s</%s>\n" % (heading, html.escape(name), heading)]
    parts += ["<p>%s</p>\n" % html.escape(line) for line in text.splitlines() if line.strip()]
    parts.append(TABLE)
    return "".join(parts)

def write_mib(f, chunk, amount):
    """Writes `chunk` again and again until at least `amount` MiB are written."""
    target = amount * 1024 * 1024
    written = 0
    while written < target:
        f.write(chunk)
        written += len(chunk.encode())

def html_round(docs):
    parts = ['<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>\n',
             '<script>var counter = 1; function share() { return "bshare"; }</script>\n',
             '<div class="article"><div class="content">\n']
    for name, text in docs:
        parts.append(doc_html(name, text, "h1"))
    parts.append('</div><div class="bshare-custom"><a>分享到微信</a></div></div>\n<div id="footer">版权所有</div>\n')
    return "".join(parts)

def main():
    kind, out, amount = sys.argv[1], sys.argv[2], int(sys.argv[3])
    docs = documents()
    with open(out, "w", encoding="utf-8") as f:
        if kind == "text":
            write_mib(f, "".join("# %s\n%s\n" % (name, text) for name, text in docs), amount)
        elif kind == "html":
            f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>文档</title>'
                    '<style>p { margin: 0 }</style></head>\n<body>\n')
            write_mib(f, html_round(docs), amount)
            f.write("</body></html>\n")
        elif kind == "print":
            f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>'
                    '@page { size: A4; margin: 25mm 20mm; @top-center { content: "文档汇编"; font-size: 9pt; } '
                    '@bottom-center { content: "- " counter(page) " -"; font-size: 9pt; } } '
                    'body { margin: 0; font-size: 12pt; line-height: 1.5; } p { text-indent: 2em; margin: 0; } '
                    'td, th { border: 1px solid #000; padding: 1mm 6mm; white-space: nowrap; } '
                    'table { border-collapse: collapse; }</style></head>\n<body>\n')
            for _ in range(amount):
                for name, text in docs:
                    f.write(doc_html(name, text, "h2"))
            f.write("</body></html>\n")
        else:
            sys.exit("unknown kind %r" % kind)

if __name__ == "__main__":
    main()
