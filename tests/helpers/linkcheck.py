"""A link checker for a built site: every internal href/src resolves to a file and
every #fragment to an element id. Used by the link tests on the synthetic site and
on the real seeds build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action"))


def html_files(out: Path) -> list[Path]:
    return [p for p in sorted(out.rglob("*.html")) if "pagefind" not in p.relative_to(out).parts]


def target_file(out: Path, base_path: str, page: Path, url: str) -> Path | None:
    """The file an internal URL points at, or None for an external URL."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page
    if path.startswith("/"):
        assert path.startswith(base_path), f"link {url!r} escapes the base path {base_path!r}"
        rel = path[len(base_path) :]
        target = out / rel
    else:
        target = (page.parent / path).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_links(out: Path, base_path: str = "/") -> list[str]:
    """Every broken internal link or anchor, as 'page: url (reason)'."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            ids[path] = {str(t["id"]) for t in soup.find_all(id=True)}
        return ids[path]

    problems: list[str] = []
    for page in html_files(out):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        rel = page.relative_to(out).as_posix()
        for tag, attr in ATTRS:
            for el in soup.find_all(tag):
                url = el.get(attr)
                if not url:
                    continue
                try:
                    target = target_file(out, base_path, page, url)
                except AssertionError as exc:
                    problems.append(f"{rel}: {exc}")
                    continue
                if target is None:
                    continue
                if not target.is_file():
                    problems.append(f"{rel}: {url} (no file {target})")
                    continue
                fragment = urlsplit(url).fragment
                if (
                    fragment
                    and target.suffix == ".html"
                    and unquote(fragment) not in ids_of(target.resolve())
                ):
                    problems.append(f"{rel}: {url} (no id {fragment!r})")
    return problems
