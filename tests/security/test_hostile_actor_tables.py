"""Hostile names in a user's actor table (``actors_files``) and in the news that
mentions them: ids and names built to escape the output folder, reserved device names,
markup, and different actors whose slugs collide. The build must stay inside site/,
keep every actor on its own URL and render every name as text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.hostile_gen import Built, build_once, describe, pages, write_config
from helpers.site_checks import RESERVED, SAFE_SEGMENT, check_handlers, check_urls

pytestmark = pytest.mark.slow

ACTORS_YAML = """\
actors:
- {name: "../../etc/passwd", kind: person, aliases: [Passwd Petrenko]}
- {id: "../../../tmp/pwned-actor", name: Evil Ident Group, kind: group}
- {id: "/", name: Slash Brigade, kind: group}
- {id: "..", name: Dot Dot Battalion, kind: group}
- {name: CON, kind: org, aliases: [Consolidated Oblast Network]}
- {name: nul, kind: org, aliases: [Nul Point Agency]}
- {name: "<script>alert('actor')</script> Legion", kind: group, aliases: [Script Legion]}
- {name: "Taras \\" onmouseover=\\"alert(1)", kind: person, aliases: [Taras Quotechenko]}
- {name: Olena Kovalenko, kind: person, roles: [mayor of Irpin]}
- {name: Олена Коваленко, kind: person, roles: [head of a Kharkiv hospital]}
- {name: Jean-Luc Dupont, kind: person, roles: [OSCE observer]}
- {name: Jean Luc Dupont, kind: person, roles: [French senator]}
- {name: Ñandú Müller-Łukasz, kind: person, roles: [Red Cross envoy]}
"""

NEWS = """\
Hostile actors meet in Irpin | Conflict News

Passwd Petrenko said on Thursday that the Evil Ident Group, the Slash Brigade and the \
Dot Dot Battalion had withdrawn from the outskirts of Irpin.

The Consolidated Oblast Network and the Nul Point Agency said the Script Legion had \
shelled a depot, according to Taras Quotechenko.

Irpin mayor Olena Kovalenko and Олена Коваленко, head of a Kharkiv hospital, asked for \
generators; OSCE observer Jean-Luc Dupont and French senator Jean Luc Dupont visited \
the city with Red Cross envoy Ñandú Müller-Łukasz.

Source link
"""


def _fill(src: Path) -> None:
    src.mkdir(parents=True, exist_ok=True)
    (src / "hostile_actors_news.txt").write_text(NEWS, "utf-8")
    (src.parent / "hostile_actors.yaml").write_text(ACTORS_YAML, "utf-8")
    write_config(src.parent / "chronicle.toml", actors_files=["hostile_actors.yaml"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    b = build_once(
        "hostile-actors", tmp_path_factory.mktemp("hostile-actors"), _fill, extra=("--no-search",)
    )
    assert "Traceback" not in b.run.output, describe(b.run)
    assert b.run.code == 0, describe(b.run)
    return b


def _actors(out: Path) -> list[dict]:
    found = sorted(out.rglob("actors.json"))
    assert found, "no actors.json export"
    data = json.loads(found[0].read_text("utf-8"))
    return data if isinstance(data, list) else data.get("actors", [])


def test_hostile_actor_ids_stay_inside_the_site(built: Built) -> None:
    changed = sorted(
        k for k in set(built.before) | set(built.after) if built.before.get(k) != built.after.get(k)
    )
    assert not changed, f"written outside site/: {changed}"
    assert not list(Path("/tmp").glob("pwned-actor*"))
    bad = []
    for path in built.out.rglob("*"):
        for seg in path.relative_to(built.out).parts:
            if not SAFE_SEGMENT.match(seg) or seg.split(".")[0].lower() in RESERVED:
                bad.append(path.relative_to(built.out).as_posix())
                break
    assert not bad, f"unsafe output paths: {sorted(bad)[:10]}"


def test_actor_urls_are_safe_and_distinct(built: Built) -> None:
    actors = _actors(built.out)
    urls = [a.get("url") for a in actors]
    assert all(urls), "an actor without a url"
    assert len(set(urls)) == len(urls), sorted(u for u in urls if urls.count(u) > 1)
    for url in urls:
        segs = url.strip("/").split("/")
        assert ".." not in segs and all(SAFE_SEGMENT.match(s) for s in segs), url
        assert all(s.split(".")[0].lower() not in RESERVED for s in segs), url
    for url in urls:
        assert (built.out / url / "index.html").is_file() or (built.out / url).is_file(), (
            f"{url} has no page"
        )


def test_slug_colliding_actors_keep_their_own_pages(built: Built) -> None:
    names = {a.get("name") for a in _actors(built.out)}
    lost = []
    for pair in (("Olena Kovalenko", "Олена Коваленко"), ("Jean-Luc Dupont", "Jean Luc Dupont")):
        found = [n for n in pair if n in names]
        if len(found) != 2:
            lost.append(f"{pair}: only {found} kept")
    assert not lost, f"table actors whose slugs collide replace each other: {lost}"


def test_hostile_actor_names_render_as_text(built: Built) -> None:
    problems = [
        f"{rel}: {p}"
        for rel, soup in pages(built.out).items()
        for check in (check_handlers, check_urls)
        for p in check(soup)
    ]
    assert not problems, problems[:10]
    text = "\n".join(s.get_text() for s in pages(built.out).values())
    assert "<script>alert('actor')</script> Legion" in text, "the markup name is not shown"
