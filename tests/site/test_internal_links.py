"""No broken internal link or anchor, at the root and under a --base-url sub-path."""

from __future__ import annotations

from conftest import BuiltSite
from helpers.linkcheck import check_links, html_files
from helpers.site_exports import site_data


def test_no_broken_links_at_root(synthetic_site: BuiltSite) -> None:
    problems = check_links(synthetic_site.out, "/")
    assert not problems, "\n".join(problems[:20])
    assert len(html_files(synthetic_site.out)) > 30


def test_no_broken_links_under_subpath(subpath_site: BuiltSite) -> None:
    problems = check_links(subpath_site.out, "/repo/")
    assert not problems, "\n".join(problems[:20])


def test_every_link_stays_under_the_subpath(subpath_site: BuiltSite) -> None:
    from bs4 import BeautifulSoup

    for page in html_files(subpath_site.out):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for el in soup.find_all(["a", "link", "script", "form"]):
            url = el.get("href") or el.get("src") or el.get("action") or ""
            if url.startswith("/"):
                assert url.startswith("/repo/"), f"{page}: {url}"


def test_linkcheck_finds_a_broken_anchor(tmp_path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="/a/#missing">x</a><a href="/b/">y</a><a href="/a/#here">z</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>')
    problems = check_links(tmp_path, "/")
    assert len(problems) == 2
    assert "missing" in problems[0] and "/b/" in problems[1]


def test_every_page_named_in_events_json_exists(synthetic_site: BuiltSite) -> None:
    out = synthetic_site.out
    data = site_data(out)
    assert data["events"]
    for e in data["events"]:
        assert (out / e["url"] / "index.html").is_file(), e["url"]
        day = e["date"].replace("-", "/")
        assert (out / "days" / day / "index.html").is_file()
        for a in e["actors"]:
            assert (out / next(x["url"] for x in data["actors"] if x["id"] == a["id"])).is_dir()
        for p in e["places"]:
            assert (out / next(x["url"] for x in data["places"] if x["id"] == p["id"])).is_dir()
        topic = next(t for t in data["topics"] if t["id"] == e["topic"])
        assert (out / topic["url"] / "index.html").is_file()
        for s in e["sources"]:
            page, _, anchor = s["page"].partition("#")
            assert anchor, s
            target = out / page / "index.html"
            assert target.is_file(), s["page"]
            assert f'id="{anchor}"' in target.read_text("utf-8")


def test_ids_are_unique_and_each_passage_has_one_frame(synthetic_site: BuiltSite) -> None:
    from bs4 import BeautifulSoup

    for page in html_files(synthetic_site.out):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        ids = [str(t["id"]) for t in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), (page, [i for i in ids if ids.count(i) > 1][:5])
    source = BeautifulSoup(
        (synthetic_site.out / "sources/live-zelensky-warns/index.html").read_text("utf-8"),
        "html.parser",
    )
    frames = source.select("section.passage")
    assert len(frames) == 2
    train = frames[1]
    # The blank lines and the caption inside the entry stay inside its frame.
    assert [p["id"] for p in train.select('p[id^="L"]')] == [f"L{n}" for n in range(12, 18)]
    assert len(train.select("a.event-backlink")) == 1
