"""Lean HTML: the bytes a browser ignores, left out of every page.

A chronicle of 100k events must fit GitHub Pages' 1 GB, so every page counts. Template
indentation, trailing spaces and blank lines are collapsible whitespace: under the normal
``white-space`` rule a run of spaces and line breaks renders exactly like one line
break. So each such run becomes one line break — except on pages whose text is shown
with ``white-space: pre-wrap`` (source pages), where a leading space is visible.
"""

from __future__ import annotations

import re

#: Two or more spaces between two tags (template alignment): one space renders the same.
#: (Written without look-arounds: a pattern that starts at every space costs ten times
#: more on a page that is already lean.)
_GAP = re.compile(r">[ \t]{2,}<")
#: Elements whose content keeps its whitespace wherever they appear (user templates too).
_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.S | re.I)
#: Templates whose output shows text as written (``white-space: pre-wrap``).
VERBATIM_TEMPLATES = frozenset({"source.html"})


def lean_html(text: str) -> str:
    """``text`` with each whitespace run that holds a line break reduced to the break,
    and runs of spaces between two tags to one space."""
    if "<pre" in text or "<textarea" in text or "<PRE" in text or "<TEXTAREA" in text:
        parts = _VERBATIM.split(text)
        # split() yields text, element, tag name, text, …: lean the text parts only.
        return "".join(
            _lean(part) if i % 3 == 0 else (part if i % 3 == 1 else "")
            for i, part in enumerate(parts)
        )
    return _lean(text)


def _lean(text: str) -> str:
    return _GAP.sub("> <", _breaks(text))


def _breaks(text: str) -> str:
    """Each run of ASCII whitespace holding a line break (``[ \\t]*\\n[ \\t\\r\\n\\f]*``)
    reduced to the break; a no-break space stays. Line by line: the regular expression
    tries a match at every space of the page, three times slower."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    out = [lines[0].rstrip(" \t")]
    for line in lines[1:-1]:
        kept = line.lstrip(" \t\r\f").rstrip(" \t")
        if kept:
            out.append(kept)
    out.append(lines[-1].lstrip(" \t\r\f"))
    return "\n".join(out)
