#!/usr/bin/env python3
"""t/lib/page.py - what t/540-html.bats asks of a report page.

  page.py check FILE   parse the page with html.parser: fail (exit 1,
                       saying why) on a tag left open or closed out of
                       order, a <script>, any src= or href=, any "://"
                       in an attribute, a missing doctype, charset or
                       viewport; else print what a test compares:
                         title TEXT
                         h2 TEXT            (a section's heading)
                         table ROWS         (rows of each table's body)
                         svg RECTS          (rects of each chart)
                         bar LABEL VALUE WIDTH   (each bar, in order)
  page.py rects FILE   the number of <rect in a DOM (chromium --dump-dom)
  page.py png FILE     decode a PNG (8-bit RGB or RGBA, no PIL) and
                       print "colours N bars M": distinct colours, and
                       pixels of the bars' colour #3b6ea8
"""
import struct
import sys
import zlib
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.out = [], [], []
        self.doctype = self.charset = self.viewport = False
        self.text = None        # collecting the text of this element
        self.rows = self.rects = 0
        self.bar = []           # label, value, width of the bar being read

    def error(self, why):
        self.errors.append(why)

    def handle_decl(self, decl):
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, v in attrs:
            if k in ("src", "href") or "://" in (v or ""):
                self.error("%s has %s=%r" % (tag, k, v))
        if tag == "script":
            self.error("a script")
        if tag == "meta" and a.get("charset", "").lower() == "utf-8":
            self.charset = True
        if tag == "meta" and a.get("name") == "viewport":
            self.viewport = True
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag in ("title", "h2", "text"):
            self.text = ""
        if tag == "tbody":
            self.rows = 0
        if tag == "tr" and "tbody" in self.stack:
            self.rows += 1
        if tag == "svg":
            self.rects = 0
        if tag == "rect":
            self.rects += 1
            self.bar.append(a.get("width"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.error("</%s> closes %s" % (tag, self.stack[-1:]))
            return
        self.stack.pop()
        if tag in ("title", "h2"):
            self.out.append("%s %s" % (tag, self.text))
        if tag == "text":
            self.bar.append(self.text)
            if len(self.bar) == 3:      # label, width, value
                self.out.append("bar %s %s %s" % (self.bar[0],
                                self.bar[2], self.bar[1]))
                self.bar = []
        if tag in ("title", "h2", "text"):
            self.text = None
        if tag == "tbody":
            self.out.append("table %d" % self.rows)
        if tag == "svg":
            self.out.append("svg %d" % self.rects)

    def handle_data(self, data):
        if self.text is not None:
            self.text += data


def check(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    if p.stack:
        p.error("left open: %s" % p.stack)
    for ok, what in ((p.doctype, "doctype"), (p.charset, "charset"),
                     (p.viewport, "viewport")):
        if not ok:
            p.error("no " + what)
    if p.errors:
        sys.exit("page.py: %s: %s" % (path, "; ".join(p.errors)))
    print("\n".join(p.out))


def png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (2, 6), "not 8-bit RGB(A)"
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, colours, bars = bytearray(stride), set(), 0
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):     # the five filters of the PNG spec
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        for x in range(0, stride, bpp):
            rgb = bytes(line[x:x + 3])
            colours.add(rgb)
            bars += rgb == b"\x3b\x6e\xa8"
        prev = line
    print("colours %d bars %d" % (len(colours), bars))


if __name__ == "__main__":
    cmd, path = sys.argv[1:3]
    if cmd == "check":
        check(path)
    elif cmd == "rects":
        print(open(path, encoding="utf-8").read().count("<rect"))
    else:
        png(path)
