"""sitemap.xml (a sitemap index past 50,000 URLs) and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape

from chronicle.site.render import Writer

LIMIT = 50_000
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(site: str, urls: list[str]) -> str:
    body = "".join(f"<url><loc>{escape(site + u)}</loc></url>\n" for u in urls)
    return f"{HEAD}<urlset {NS}>\n{body}</urlset>\n"


def write_sitemap(writer: Writer, site: str, pages: list[str], limit: int = LIMIT) -> None:
    """``site`` is the public prefix (absolute URL when configured, else the base path)."""
    urls = sorted(set(pages))
    if len(urls) <= limit:
        writer.text("sitemap.xml", urlset(site, urls))
    else:
        parts = [urls[i : i + limit] for i in range(0, len(urls), limit)]
        entries = []
        for n, chunk in enumerate(parts, start=1):
            name = f"sitemap-{n}.xml"
            writer.text(name, urlset(site, chunk))
            entries.append(f"<sitemap><loc>{escape(site + name)}</loc></sitemap>\n")
        writer.text(
            "sitemap.xml", f"{HEAD}<sitemapindex {NS}>\n{''.join(entries)}</sitemapindex>\n"
        )
    robots = "User-agent: *\nAllow: /\n"
    if "://" in site:
        robots += f"Sitemap: {site}sitemap.xml\n"
    writer.text("robots.txt", robots)
