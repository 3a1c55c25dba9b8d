"""No page built from hostile input carries a tag, an event
handler or a script URL from that input, JSON-LD stays JSON, template syntax in input is
never evaluated, and every page declares a Content-Security-Policy that allows what
Pagefind needs and nothing more.

Pages are parsed with html5lib, the parser that behaves like a browser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers.hostile_gen import (
    JINJA_PRODUCT,
    Built,
    build_once,
    fill_seeds_and_hostile,
    pages,
    template_texts,
)
from helpers.site_checks import (
    check_handlers,
    check_urls,
    url_scheme,
)

pytestmark = pytest.mark.slow

FORBIDDEN_TAGS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "portal",
    "xml",
    "import",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_once("hostile", tmp_path_factory.mktemp("hostile"), fill_seeds_and_hostile)
    assert list(built.out.rglob("*.html")), f"no pages built (exit {built.run.code})"
    return built


def _problems(out: Path, check) -> list[str]:
    found: list[str] = []
    for rel, soup in pages(out).items():
        found.extend(f"{rel}: {p}" for p in check(soup))
    return found


def _fail(problems: list[str], what: str) -> None:
    assert not problems, f"{len(problems)} {what}, e.g.\n" + "\n".join(problems[:15])


def _our_base(tag) -> bool:
    """The embeds' own ``<base target="_top">``: in the head, no URL (``base-uri 'none'``)."""
    return (
        tag.name.lower() == "base" and tag.parent.name == "head" and tag.attrs == {"target": "_top"}
    )


def check_foreign(soup):
    for tag in soup.find_all(True):
        if tag.name.lower() in FORBIDDEN_TAGS and not _our_base(tag):
            yield f"<{tag.name}> {str(tag)[:80]!r}"
        if tag.name.lower() == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
            yield f"meta refresh {tag.get('content')!r}"
        style = tag.get("style") or ""
        style = " ".join(style) if isinstance(style, list) else style
        if re.search(r"expression\s*\(|javascript:|behavior\s*:", style, re.I):
            yield f"<{tag.name} style={style[:80]!r}>"


def check_scripts(soup, out: Path, ours: str):
    """A <script> is JSON-LD, a file we built, or inline code found in our templates."""
    for script in soup.find_all("script"):
        kind = (script.get("type") or "text/javascript").lower()
        body = (script.string or "").strip()
        if kind == "application/ld+json":
            continue
        src = script.get("src")
        if src:
            if url_scheme(src) is not None:
                yield f"script from another site: {src!r}"
                continue
            path = src.split("?")[0].split("#")[0].lstrip("/")
            while path.startswith("../"):
                path = path[3:]
            if not list(out.glob(f"**/{path}")) and not (out / path).is_file():
                yield f"script src not a file we built: {src!r}"
        if body and body not in ours:
            yield f"inline script not from our templates: {body[:80]!r}"


def check_jsonld(soup):
    for script in soup.find_all("script", type="application/ld+json"):
        raw = script.string or ""
        low = raw.lower()
        if "</" in low or "<!--" in low or "<script" in low:
            yield f"JSON-LD carries raw '</', '<!--' or '<script': {raw[:120]!r}"
        try:
            json.loads(raw)
        except ValueError as exc:
            yield f"JSON-LD does not parse ({exc}): {raw[:120]!r}"


def test_no_event_handler_attributes(hostile: Built) -> None:
    _fail(_problems(hostile.out, check_handlers), "event handler attributes")


def test_every_url_is_http_https_mailto_or_relative(hostile: Built) -> None:
    _fail(_problems(hostile.out, check_urls), "unsafe URLs")


def test_no_foreign_elements(hostile: Built) -> None:
    _fail(_problems(hostile.out, check_foreign), "foreign elements")


def test_only_our_own_scripts(hostile: Built) -> None:
    ours = template_texts()
    _fail(
        _problems(hostile.out, lambda soup: check_scripts(soup, hostile.out, ours)),
        "foreign scripts",
    )


def test_json_ld_parses_and_cannot_close_its_script(hostile: Built) -> None:
    _fail(_problems(hostile.out, check_jsonld), "broken JSON-LD blocks")
    seen = sum(
        len(s.find_all("script", type="application/ld+json")) for s in pages(hostile.out).values()
    )
    assert seen, "no page carries JSON-LD: the check above checked nothing"


def test_template_syntax_in_input_is_never_evaluated(hostile: Built) -> None:
    leaked: list[str] = []
    for path in hostile.out.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".txt", ".js"}:
            data = path.read_text("utf-8", errors="replace")
            if JINJA_PRODUCT in data or "LOOPLOOPLOOP" in data or "<class '" in data:
                leaked.append(path.relative_to(hostile.out).as_posix())
    assert not leaked, f"template syntax from input was evaluated in {leaked[:10]}"
    text = "\n".join(s.get_text() for s in pages(hostile.out).values())
    assert "{{ 1234*5678 }}" in text, "the Jinja-looking input text is not shown as typed"


_SLUG_PATH = re.compile(r"/[a-z0-9/._-]*")
#: Attributes holding text for people (a map's marks name their events there, escaped).
TEXT_ATTRS = {"aria-label", "title", "alt"}


def _alert_in_markup(tag) -> bool:  # noqa: ANN001
    """'alert' in an element's markup (a tag name or an attribute that is not text for
    people) anywhere inside ``tag``, not in the text it shows."""
    for el in [tag, *tag.find_all(True)]:
        if "alert" in el.name or el.name in ("script", "foreignobject", "img", "iframe"):
            return True
        for k, v in el.attrs.items():
            if k.lower() in TEXT_ATTRS or (k == "href" and _SLUG_PATH.fullmatch(str(v))):
                continue  # text, or a link to a page whose slug has the word
            if "alert" in str(v):
                return True
    return False


def test_input_tags_stay_text(hostile: Built) -> None:
    """The hostile markup is shown as text: it appears in the page text, not as elements."""
    text = "\n".join(s.get_text() for s in pages(hostile.out).values())
    for planted in (
        "<script>alert('body')</script>",
        "<img src=x onerror=alert('inline')>",
        "<svg/onload=alert('svg')>",
    ):
        assert planted in text, f"{planted!r} is not shown as text anywhere"

    def check(soup):
        for img in soup.find_all("img"):
            if img.get("src") == "x":
                yield f"input <img> became an element: {img}"
        for tag in soup.find_all(["svg", "math", "iframe", "b"]):
            if "war-map" in (tag.get("class") or []):
                found = _alert_in_markup(tag)  # our maps quote event titles as text
            else:
                found = "alert" in str(tag)
            if found:
                yield f"input markup became an element: {str(tag)[:80]}"

    _fail(_problems(hostile.out, check), "input tags rendered as elements")


def _csp(soup) -> str | None:
    for meta in soup.find_all("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-security-policy":
            return meta.get("content") or ""
    return None


def _directives(policy: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return out


def check_csp(soup):
    policy = _csp(soup)
    if policy is None:
        yield "no Content-Security-Policy meta"
        return
    order = [t for t in soup.find_all(["meta", "script", "link", "style"])]
    csp_at = next(
        i
        for i, t in enumerate(order)
        if (t.get("http-equiv") or "").lower() == "content-security-policy"
    )
    if any(t.name in ("script", "link", "style") for t in order[:csp_at]):
        yield "CSP meta comes after a script/style/link it should govern"
    d = _directives(policy)
    if "default-src" not in d:
        yield f"no default-src in {policy!r}"
    for name in ("script-src", "style-src", "default-src"):
        sources = d.get(name, d.get("default-src", []))
        for bad in ("'unsafe-eval'", "*", "http:", "https:", "data:", "blob:"):
            if bad in sources:
                yield f"{name} allows {bad}: {policy!r}"
        if name != "style-src" and "'unsafe-inline'" in sources:
            yield f"{name} allows 'unsafe-inline': {policy!r}"
    if d.get("object-src", d.get("default-src")) not in (["'none'"],):
        yield f"object-src is not 'none': {policy!r}"
    if "base-uri" not in d:
        yield f"no base-uri (a <base> tag could redirect every relative link): {policy!r}"


def test_every_page_has_a_strict_csp(hostile: Built) -> None:
    _fail(_problems(hostile.out, check_csp), "CSP problems")


BAD_PAGE = """<!doctype html><html><head><script>alert(1)</script>
<meta http-equiv="Content-Security-Policy" content="default-src *; script-src 'unsafe-inline'">
<script type="application/ld+json">{"name": "</script><script>alert(2)</script>"}</script>
</head><body><a href=" java\tscript:alert(1)">x</a><img src=x onerror=alert(1)>
<iframe src="data:text/html,hi"></iframe><div style="background:url(javascript:alert(1))"></div>
<script src="https://evil.example/x.js"></script></body></html>"""


def test_checks_catch_planted_problems(tmp_path: Path) -> None:
    """Each check above finds what it is for on a page built to fail all of them."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(BAD_PAGE, "html5lib")
    assert list(check_handlers(soup))
    assert len(list(check_urls(soup))) >= 3  # javascript: href, data: iframe, style url()
    assert list(check_foreign(soup))
    assert len(list(check_scripts(soup, tmp_path, "ours"))) >= 2
    assert list(check_jsonld(soup))
    assert len(list(check_csp(soup))) >= 3
