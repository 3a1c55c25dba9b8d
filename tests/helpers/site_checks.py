"""Checks of built pages: reserved file names, safe path segments, event handlers, URL schemes."""

from __future__ import annotations

import re

RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$|^\.nojekyll$")


URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "cite",
    "background",
    "xlink:href",
    "ping",
    "manifest",
    "icon",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
}


SAFE_SCHEMES = {"http", "https", "mailto"}


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these before reading a scheme


def url_scheme(value: str) -> str | None:
    m = _SCHEME.match(_URL_NOISE.sub("", value))
    return m.group(1).lower() if m else None


def check_handlers(soup):
    for tag in soup.find_all(True):
        for attr in tag.attrs:
            if attr.lower().startswith("on"):
                yield f"<{tag.name} {attr}={tag.attrs[attr]!r}>"


def check_urls(soup):
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            name = attr.lower()
            if name in URL_ATTRS:
                urls = values
            elif name in {"srcset", "imagesrcset"}:
                urls = [c.strip().split(" ")[0] for v in values for c in v.split(",")]
            elif name == "content" and (tag.get("http-equiv") or "").lower() == "refresh":
                urls = re.findall(r"url\s*=\s*(.*)", " ".join(values), re.I)
            elif name == "style":
                urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", " ".join(values), re.I)
            else:
                continue
            for url in urls:
                scheme = url_scheme(url)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    yield f"<{tag.name} {attr}={url[:80]!r}>"
