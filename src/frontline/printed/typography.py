"""Print typography per language. French print puts a no-break space before « : » and inside « »,
and a narrow no-break space before « ; ? ! », so that a line never starts with the sign or a lone
quotation mark. Translators may type a plain space; this step makes it the right one on paper
(HTML and PDF), and leaves text in other languages as it is."""

from __future__ import annotations

import re

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

# A typed space becomes the right one; a sign written against a word (« mot: », « mot; », text
# joined by code in English style) gets one, but only where the sign ends a phrase (a space or the
# end follows), so times and URLs (« 13:40 », « https:// », « ?x=1 ») stay as they are.
FRENCH = (
    (re.compile(r"[ \t]+(?=:)"), NBSP),
    (re.compile(r"[ \t]+(?=[;?!])"), NARROW_NBSP),
    (re.compile(r"(?<=[\w»)*])(?=:(?:\s|$))", re.M), NBSP),
    (re.compile(r"(?<=[\w»)*])(?=[;?!](?:\s|$))", re.M), NARROW_NBSP),
    (re.compile(r"(?<=«)[ \t]+"), NBSP),
    (re.compile(r"[ \t]+(?=»)"), NBSP),
)


def print_text(text: str, lang: str) -> str:
    """`text` with the spaces its language's print typography asks for."""
    if lang != "fr":
        return text
    for pattern, space in FRENCH:
        text = pattern.sub(space, text)
    return text


APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def screen_text(text: str, lang: str) -> str:
    """Text from a data file as the book's pages set theirs: a typographic apostrophe (Sphinx's
    smart quotes do this to a page's own text, never to text a directive writes) and the
    language's spaces before signs."""
    return print_text(APOSTROPHE.sub("\u2019", text), lang)
