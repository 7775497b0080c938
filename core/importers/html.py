"""Read a web page saved from a government portal (TRS, Hanweb, 大汉 …) into paragraphs and tables.

Parsed with the standard library's ``html.parser`` into a small tree (nothing
is fetched: links, images, scripts and styles are never followed), then
walked in document order: block elements end a paragraph, ``<br>`` ends a
line, a ``<table>`` whose cells hold no further table becomes a table with
its ``rowspan``/``colspan``; a table holding tables is page layout and its
cells are walked as ordinary content.  ``&nbsp;`` and inline styles do not
matter.  A page saved as one file (.mht) is unpacked with the standard
library's ``email`` first.  The page's navigation and footer are cut off later by
``grid.report_span`` (the report runs from its title to its 落款).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import List, Optional

from ..errors import InputError
from .grid import Block, Cell, Table

MAX_NODES = 200_000
MAX_DEPTH = 200
_VOID = {"br", "img", "meta", "link", "input", "hr", "col", "area", "base", "wbr", "source", "param", "embed"}
_SKIP = {"script", "style", "noscript", "head", "template", "iframe", "object", "svg", "select", "button", "textarea"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
          "footer", "nav", "main", "aside", "blockquote", "pre", "dl", "dt", "dd", "center", "form", "caption",
          "address", "figure", "figcaption", "body", "html", "tbody", "thead", "tfoot"}
# Opening one of these closes an open element of the listed kinds (HTML's implied end tags).
_CLOSES = {"p": {"p"}, "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"}, "li": {"li"},
           "tbody": {"tbody", "thead", "tr", "td", "th"}, "thead": {"tbody", "thead", "tr", "td", "th"}}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


class Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError("__too_big__")
        closes = _CLOSES.get(tag)
        if closes:
            # Close up to (and including) an open element it ends, never past an enclosing table.
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t == "table":
                    break
                if t in closes:
                    del self.stack[i:]
                    break
        node = Node(tag, {k: v for k, v in attrs if k in ("rowspan", "colspan")})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if self.stack[i].tag == "table" and tag != "table":
                return          # a stray end tag inside a table does not close it

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _span(node: Node, key: str) -> int:
    try:
        return max(1, min(int(str(node.attrs.get(key) or "1").strip().strip('"')), 60))
    except ValueError:
        return 1


def _has_table(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag == "table" or _has_table(c)) for c in node.children)


class _Walker:
    def __init__(self):
        self.blocks: List[Block] = []
        self.line: List[str] = []

    def flush(self):
        text = re.sub(r"[ \t\r\n\f]+", " ", "".join(self.line)).strip()
        if text:
            self.blocks.append(text)
        self.line = []

    def walk(self, node: Node):
        for child in node.children:
            if isinstance(child, str):
                self.line.append(child)
                continue
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == "br":
                self.flush()
            elif tag == "table" and not _has_table(child):
                self.flush()
                self.blocks.append(_table(child))
            elif tag in _BLOCK or tag in ("table", "tr", "td", "th"):
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


def _cell_text(node: Node) -> str:
    w = _Walker()
    w.walk(node)
    w.flush()
    return "\n".join(b for b in w.blocks if isinstance(b, str))


def _rows(node: Node, out: List[Node]) -> None:
    for c in node.children:
        if isinstance(c, Node):
            if c.tag == "tr":
                out.append(c)
            elif c.tag != "table":
                _rows(c, out)


def _table(node: Node) -> Table:
    trs: List[Node] = []
    _rows(node, trs)
    table: Table = []
    for tr in trs:
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
        table.append([Cell(_cell_text(c), _span(c, "rowspan"), _span(c, "colspan")) for c in cells])
    return table


def decode(data: bytes) -> Optional[str]:
    """The page's text: its declared charset, else UTF-8, else GB18030 (portals still use GBK)."""
    m = _CHARSET.search(data[:4096])
    tried = [m.group(1).decode("ascii").lower()] if m else []
    for enc in tried + ["utf-8-sig", "gb18030"]:
        try:
            return data.decode("gb18030" if enc in ("gb2312", "gbk") else enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def is_mhtml(data: bytes) -> bool:
    """A page saved as one file (.mht/.mhtml: “网页，单一文件”): a MIME message holding the HTML."""
    head = data[:2048].lstrip().lower()
    return head.startswith((b"mime-version:", b"from:", b"content-type: multipart/related")) \
        and b"multipart/related" in head


def _html_of_mhtml(data: bytes, name: str) -> bytes:
    import email
    import email.policy
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True) or b""
                charset = part.get_content_charset()
                if charset and b"charset" not in payload[:4096].lower():
                    payload = f'<meta charset="{charset}">'.encode("ascii", "replace") + payload
                return payload
    except Exception:       # a damaged message: whatever the parser raises
        pass
    raise InputError(f"“{name}”是单一文件网页（.mht），但其中找不到网页内容，无法导入")


def read_html(data: bytes, name: str) -> List[Block]:
    if is_mhtml(data):
        data = _html_of_mhtml(data, name)
    text = decode(data)
    if text is None:
        raise InputError(f"“{name}”不是可识别编码（UTF-8 或 GBK）的网页，无法读取")
    builder = _Builder()
    try:
        builder.feed(text)
        builder.close()
    except InputError:
        raise InputError(f"“{name}”网页元素过多（超过 {MAX_NODES} 个），不像年报页面，已拒绝导入")
    walker = _Walker()
    walker.walk(builder.root)
    walker.flush()
    return walker.blocks
