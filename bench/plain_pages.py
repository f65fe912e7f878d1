"""The same pages as plain Markdown: what a person would write by hand for each generated page.

The benchmark compares the project with plain MkDocs building *the same pages*. So
the plain pages are made from the project's own output: every generated page's
body (rendered by the project's templates, in this process, without MkDocs) is
written back as ordinary Markdown — the same headings, paragraphs, lists, tables,
links (as links to ``.md`` files, which MkDocs checks), emphasis, quotes and
citation numbers with their titles. What a person would not write by hand is left
out: the SVG drawings and the hover notes (the visible number stays).
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser

# The characters Python-Markdown lets a backslash escape (and that mean something to it);
# '|' (tables) and '<', '>', '&' (HTML) become entities instead.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")
_LINE_START = re.compile(r"^(\s*)([-=]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Text as a person writes it in Markdown so that it shows as typed, never as markup."""
    text = str(text).replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "&#124;")
    # At the start of a line, '-' would open a list and '1.' a numbered one.
    return _LINE_START.sub(lambda m: m.group(1) + ("&#45;" if m.group(2) == "-" else "&#61;" if m.group(2) == "=" else m.group(2) + "\\"), text, count=1)


HEADINGS = {f"h{n}": n for n in range(1, 7)}


def page_markdown(body_html: str, page_uri: str, pages: set[str]) -> str:
    """``body_html`` (a generated page at ``page_uri``, e.g. ``companies/ford.md``) as Markdown.

    ``pages`` are the source paths of every page of the site, which links are written to.
    """
    converter = _ToMarkdown(page_uri, pages)
    converter.feed(body_html)
    converter.close()
    return converter.markdown()


class _ToMarkdown(HTMLParser):
    def __init__(self, page_uri: str, pages: set[str]):
        super().__init__(convert_charrefs=True)
        self.page_uri = page_uri
        self.pages = pages
        page_dir = page_uri[: -len(".md")]
        self.page_dir = "" if page_dir == "index" else page_dir.removesuffix("/index")
        self.lines: list[str] = []
        self.text: list[str] = []  # the line being written
        self.marker = ""  # "## ", "- " or "1. " before the line
        self.indent = ""  # "> " in a quote, four spaces in an admonition
        self.skip = 0  # depth inside an SVG drawing, a hover note or a permalink
        self.links: list[tuple[str, str | None]] = []
        self.row: list[str] | None = None
        self.rows: list[list[str]] = []
        self.lists: list[str] = []
        self.admonition_title = False
        self.in_code = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        css = attrs.get("class") or ""
        if tag in VOID and self.skip:
            return
        if (
            self.skip
            or tag == "svg"
            or (tag == "span" and css == "nb-pop")
            or (tag == "a" and css == "headerlink")
            or (tag == "figure" and css.startswith(("nb-graph", "nb-chart")))
        ):
            self.skip += 1
        elif tag in HEADINGS:
            self._end_line()
            self.marker = "#" * HEADINGS[tag] + " "
        elif tag == "p":
            self._end_line()
            self.admonition_title = "admonition-title" in css
        elif tag in ("ul", "ol"):
            self._end_line()
            self.lists.append(tag)
        elif tag == "li":
            self._end_line()
            self.marker = "- " if self.lists[-1] == "ul" else "1. "
        elif tag == "blockquote":
            self._end_line()
            self.indent = "> "
        elif tag == "table":
            self._end_line()
            self.rows = []
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.text = []
        elif tag == "br":
            self.text.append("  \n" + self.indent)
        elif tag in INLINE:
            self.text.append(INLINE[tag][0])
            self.in_code = self.in_code or tag == "code"
        elif tag == "a":
            self.links.append((attrs.get("href") or "", attrs.get("title")))
            self.text.append("[")

    def handle_endtag(self, tag):
        if self.skip:
            self.skip -= tag not in VOID
        elif tag == "p" and self.admonition_title:
            self.lines += [f'!!! note "{"".join(self.text).strip()}"', ""]
            self.text, self.indent, self.admonition_title = [], "    ", False
        elif tag in HEADINGS or tag in ("p", "li"):
            self._end_line()
        elif tag in ("ul", "ol"):
            self.lists.pop()
            self.lines.append("")
        elif tag in ("blockquote", "div"):
            self._end_line()
            self.indent = ""
        elif tag in ("td", "th") and self.row is not None:
            self.row.append("".join(self.text).strip().replace("|", "&#124;"))
            self.text = []
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table" and self.rows:
            head, *body = self.rows
            self.lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            self.lines += ["| " + " | ".join(row) + " |" for row in body] + [""]
        elif tag in INLINE:
            self.text.append(INLINE[tag][1])
            self.in_code = self.in_code and tag != "code"
        elif tag == "a" and self.links:
            href, title = self.links.pop()
            title_part = ' "%s"' % title.replace('"', "&quot;") if title else ""
            self.text.append(f"]({self._md_target(href)}{title_part})")

    def handle_data(self, data):
        if not self.skip and (self.text or data.strip()):
            self.text.append(data if self.in_code else md_escape(data) if data.strip() else " ")

    def _end_line(self):
        """Write the line being built: a list item runs on to the next; anything else ends a paragraph."""
        text = "".join(self.text).strip()
        if text:
            self.lines.append(self.indent + self.marker + text)
            if self.marker not in ("- ", "1. "):
                self.lines.append("")
        self.text, self.marker = [], ""

    def _md_target(self, href: str) -> str:
        """``../../sources/x/`` (a built page's URL) → ``../sources/x.md`` (its Markdown file)."""
        if href.startswith(("http://", "https://", "#")):
            return href
        path = posixpath.normpath(posixpath.join(self.page_dir, href)).strip("/")
        if path in (".", ""):
            target = "index.md"
        elif "." in path.rsplit("/", 1)[-1]:  # a file such as feed.xml
            target = path
        elif f"{path}/index.md" in self.pages:  # a folder's index page: /companies/ is companies/index.md
            target = f"{path}/index.md"
        else:
            target = f"{path}.md"
        return posixpath.relpath(target, posixpath.dirname(self.page_uri) or ".")

    def markdown(self) -> str:
        self._end_line()
        text = "\n".join(self.lines)
        while "\n\n\n" in text:
            text = text.replace("\n\n\n", "\n\n")
        return text.strip() + "\n"


VOID = {"br", "img", "hr", "input", "meta", "link", "wbr"}
INLINE = {"em": ("*", "*"), "strong": ("**", "**"), "code": ("`", "`"), "sup": ("<sup>", "</sup>")}
