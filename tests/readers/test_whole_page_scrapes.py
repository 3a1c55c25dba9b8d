# ruff: noqa: E501 - fixture lines are as long as the scraped lines they imitate
"""Whole web pages dumped by a scraper: the article is found, the furniture stays off events."""

from __future__ import annotations

import datetime as dt

from chronicle.model import LINE_ROLES
from chronicle.readers import read_text

# The shape of a scraper's page dump (metadata block, outline, one text node per line,
# link list), written for this test: menus, share buttons, a related-stories widget,
# a caption with its credit, an inline ad, a footer.
PAGE = """# www.example-news.org

## Metadata

- **URL**: https://www.example-news.org/news/2026/2/4/drones-hit-port-in-odesa
- **Domain**: www.example-news.org
- **Scraped at**: 2026-02-06T02:34:36+00:00
- **HTTP Status**: 200

## Page Structure

- # Drones hit port in Odesa as talks resume
  - ## Recommended Stories
  - ## Air defence
  - ## About

## Content

Drones hit port in Odesa as talks resume | Europe News | Example News
Skip to Content
Türkçe English Pусский Español Français
Sign up
News
Europe
Middle East
Sport
Drones hit port in Odesa as talks resume
Russian drones damaged a grain terminal overnight, officials said.
Listen to this article
Share
facebook
twitter
By
A. Reporter
Published On 4 Feb 2026
Firefighters work at the damaged terminal in Odesa, Ukraine, January 30, 2026
Ivan Petrenko/Reuters
Russian drones struck port infrastructure in the southern Odesa region overnight, damaging a grain terminal and injuring two workers, the regional governor said on Wednesday.
Recommended Stories
list of 2 items
list 1 of 2
Another story about something else entirely in another country
list 2 of 2
A second unrelated headline about markets and prices today
end of list
The governor said air defence units shot down most of the drones launched at the region, but debris fell on warehouses near the harbour.
Advertisement
Ukraine's navy said the attack was the third on the port this week, and that shipping through the corridor continued.
Air defence
Officials said a new batch of air defence systems would arrive before the spring, without giving details of the delivery.
Delegations from both sides are due to meet again next week, since the invasion on Feb. 24, 2022 marked the start of the fighting.
Los drones rusos dañaron una terminal de grano en Odesa, según informaron las autoridades regionales este miércoles por la mañana.
About
About Us
Privacy Policy
Cookie Policy
© 2026 Example News Network

## Links

- [News](https://www.example-news.org/news/)
- [Europe](https://www.example-news.org/europe/)
- [Middle East](https://www.example-news.org/middle-east/)
- [Sport](https://www.example-news.org/sport/)
- [facebook](https://www.facebook.com/sharer)
- [twitter](https://twitter.com/intent)
- [Another story about something else entirely in another country](https://www.example-news.org/a)
- [A second unrelated headline about markets and prices today](https://www.example-news.org/b)
- [About Us](https://www.example-news.org/about)
- [Privacy Policy](https://www.example-news.org/privacy)
"""


def _read(text: str = PAGE):
    return read_text(text, "page.md", markdown=True)


def test_the_article_is_one_passage_with_its_body_only():
    r = _read()
    (doc,) = r.documents
    (p,) = doc.passages
    assert p.text.startswith("Russian drones struck port infrastructure")
    assert "debris fell on warehouses" in p.text and "shipping through the corridor" in p.text
    assert "new batch of air defence systems" in p.text
    for junk in (
        "Skip to Content",
        "Sign up",
        "Middle East",
        "facebook",
        "Recommended",
        "unrelated headline",
        "something else entirely",
        "Advertisement",
        "Firefighters work",
        "Petrenko",
        "Privacy Policy",
        "©",
        "list 1 of 2",
        "Türkçe",
        "drones rusos",
    ):
        assert junk not in p.text, junk


def test_headline_url_and_publisher_come_from_the_page_never_the_domain():
    (doc,) = _read().documents
    assert doc.title == "Drones hit port in Odesa as talks resume"
    assert doc.url == "https://www.example-news.org/news/2026/2/4/drones-hit-port-in-odesa"
    assert doc.publisher == "Example News"
    assert "www." not in doc.title


def test_the_byline_gives_the_author_and_stays_off_the_text():
    (doc,) = _read().documents
    assert doc.author == "A. Reporter"
    assert "A. Reporter" not in doc.passages[0].text


def test_the_dateline_dates_the_page_not_the_caption_or_a_background_clause():
    (doc,) = _read().documents
    assert doc.header.published == dt.datetime(2026, 2, 4)
    assert doc.header.printed_date == "4 Feb 2026"
    roles = {ln.number: ln.role for ln in doc.lines}
    dateline = next(ln.number for ln in doc.lines if ln.text == "Published On 4 Feb 2026")
    assert roles[dateline] == "dateline"


def test_without_a_dateline_the_url_gives_the_day():
    text = PAGE.replace("Published On 4 Feb 2026\n", "")
    (doc,) = _read(text).documents
    assert doc.header.published == dt.datetime(2026, 2, 4)


def test_every_line_keeps_a_role_and_furniture_is_dimmed():
    (doc,) = _read().documents
    n = len(PAGE.splitlines())
    assert [ln.number for ln in doc.lines] == list(range(1, n + 1))
    assert all(ln.role in LINE_ROLES for ln in doc.lines)
    roles = {ln.text: ln.role for ln in doc.lines}
    for furniture in ("Skip to Content", "Middle East", "Advertisement", "Privacy Policy"):
        assert roles[furniture] == "boilerplate", furniture
    assert roles["Air defence"] == "heading"


def test_a_page_without_an_article_gives_no_passage_and_no_domain_title():
    text = """# www.example.org

## Metadata

- **URL**: https://www.example.org/2026/02/27/some-page.html
- **Domain**: www.example.org
- **HTTP Status**: 403

## Content

example.org
"""
    r = _read(text)
    (doc,) = r.documents
    assert doc.passages == ()
    assert "example.org" not in doc.title


def test_a_plain_text_metadata_block_is_recognised_too():
    text = """URL: https://news.example.com/world/ukraine-grid-repairs-2026-02-03
Domain: news.example.com
Scraped at: 2026-02-04T10:00:00Z

Home
World
Business
Engineers restored power to most of Kharkiv on Tuesday after a strike on a substation, the city's mayor said in a statement.
Repairs to two other substations would take several more days, he said, asking residents to limit their use of heaters.
Contact us
Terms of use
"""
    r = read_text(text, "page.txt")
    (doc,) = r.documents
    (p,) = doc.passages
    assert doc.url == "https://news.example.com/world/ukraine-grid-repairs-2026-02-03"
    assert doc.publisher == "news.example.com"
    assert p.text.startswith("Engineers restored power") and "Contact" not in p.text
    assert doc.header.published == dt.datetime(2026, 2, 3)
