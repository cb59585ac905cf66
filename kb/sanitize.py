"""Allow-list sanitising of rendered article HTML, and the lint behind it.

Article bodies are rendered by python-markdown (`extra` + `sane_lists`). The
HTML goes into the pages and into the API's `html` field, which integrators
insert into their own pages without our CSP, so it is cleaned with nh3
(Ammonia) to exactly the tags and attributes that Markdown produces, with
links limited to http, https, mailto and relative URLs.

`kb check` rejects what the sanitiser would have to remove for safety
(`unsafe_in_body`), naming the source line, so an article never depends on
the sanitiser silently changing it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

# Every tag python-markdown's `extra` and `sane_lists` produce from Markdown
# (raw HTML is switched off, so nothing else can appear). h1 is kept: a `#`
# heading in a body would otherwise lose its line break, and it is harmless.
TAGS = frozenset({
    "p", "br", "hr", "blockquote", "pre", "code", "strong", "em",
    "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "abbr",
    "table", "thead", "tbody", "tr", "th", "td",
    # footnotes: a reference is <sup id><a href="#fn:1">, the notes a <div>
    "sup", "div",
})

# Attributes kept, per tag. `class` (fenced-code languages, footnote styling)
# is dropped: nothing on the site styles it and integrators' CSS should not be
# triggered by article content. `id` stays only where a link can point at it:
# headings (`## 标题 {: #x }`) and footnotes (`#fn:1`, `#fnref:1`).
ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "sup": {"id"},
    "li": {"id"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}

# Table alignment is rendered as `align` (not `style`, which is never kept).
ALIGN = {"left", "center", "right"}
ATTRIBUTE_VALUES = {"th": {"align": ALIGN}, "td": {"align": ALIGN}}

URL_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src"})

# Besides the attributes kept, `kb check` lets attr_list set `#id` and
# `.class` anywhere: they cannot run anything, so the sanitiser may just drop
# them where they do not belong.
LINT_HARMLESS = frozenset({"id", "class"})


def clean_html(rendered: str) -> str:
    """Sanitise rendered article HTML with the allow-list above.

    `link_rel=None`: nh3 would add rel="noopener noreferrer" to every link.
    No `target` survives, so links open in the same tab, where noopener does
    nothing; noreferrer would strip the Referer from every link between our
    own articles, and browsers' default referrer policy already sends only
    the origin to other sites.
    """
    return nh3.clean(
        rendered,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        tag_attribute_values={tag: {k: set(v) for k, v in vals.items()} for tag, vals in ATTRIBUTE_VALUES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def url_is_safe(url: str) -> bool:
    """Whether a URL (as a browser reads the attribute) is relative or uses an allowed scheme.

    Browsers decode entities, ignore leading/trailing spaces and control
    characters and drop tabs and newlines anywhere, so `jav&#x09;ascript:`
    is still javascript: and is judged as such.
    """
    url = html.unescape(url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                                   "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    url = re.sub(r"[\t\n\r]", "", url)
    match = _SCHEME.match(url)
    return match is None or match.group(1).lower() in URL_SCHEMES


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.found.append((tag, name, value or ""))

    handle_startendtag = handle_starttag


# Only link and image syntax ("](", "]:" definitions, "<…>" autolinks) and
# attribute lists ("{") put an address or an attribute into the HTML: a body
# without any of them needs no scan (the scan is most of a large build's
# extra time).
_MAY_ADD_MARKUP = re.compile(r"\]\(|\]:|<|\{")


def unsafe_in_body(body: str, rendered: str) -> tuple[int | None, str] | None:
    """The first unsafe link or attribute in a rendered body, as (source line, problem).

    `rendered` is `body` rendered but not yet sanitised. The problem is found
    in the HTML (so it is exactly what Markdown produced) and then located
    in the source; the line is None if it cannot be found there.
    """
    if not _MAY_ADD_MARKUP.search(body):
        return None
    parser = _Attributes()
    parser.feed(rendered)
    parser.close()
    for tag, name, value in parser.found:
        if name in URL_ATTRIBUTES and name in ATTRIBUTES.get(tag, ()):
            if not url_is_safe(value):
                shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in value)
                shown = shown if len(shown) <= 40 else shown[:40] + "…"
                return (_url_line(body, value),
                        f"链接地址「{shown}」不安全（只允许 http、https、mailto 和站内链接）")
            continue
        allowed = ATTRIBUTES.get(tag, set()) | set(ATTRIBUTE_VALUES.get(tag, {})) | LINT_HARMLESS
        if name not in allowed:
            return _attribute_line(body, name), f"不允许的属性「{name}」（属性列表只能写 #id 和 .class）"
    return None


def _normal(text: str) -> str:
    return re.sub(r"[\t\n\r ]", "", html.unescape(text)).lower()


def _url_line(body: str, url: str) -> int | None:
    wanted = _normal(url)
    for number, line in enumerate(body.splitlines(), 1):
        if wanted in _normal(line):
            return number
    return None


def _attribute_line(body: str, name: str) -> int | None:
    # attr_list: `{: key=value }`, `{key="v"}` or a bare `{: key }`; python-markdown
    # turns characters not allowed in a name into `_`, so match loosely.
    loose = re.escape(name).replace("_", ".")
    pattern = re.compile(r"\{:?[^{}\n]*?(?<![\w.#-])" + loose + r"(?:\s*=|[\s}])", re.I)
    for number, line in enumerate(body.splitlines(), 1):
        if pattern.search(line):
            return number
    return None
