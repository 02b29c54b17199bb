"""The reference list in each language. A reference keeps its published title, except an instrument
of the United Nations or the Council of Europe, which has an official title in each of its
languages: its BibTeX entry gives it as `title<lang>` (`titlefr = {Protocole visant à ...}`), and
that language's build reads copies of the .bib files with that title in place of the English one.
The English build reads the files themselves (BibTeX styles ignore unknown fields)."""

from __future__ import annotations

from pathlib import Path

from ..files import atomic_write


def localized_bibfiles(bibfiles: list[Path], lang: str, folder: Path) -> list[Path]:
    """`bibfiles`, each replaced by its copy in `folder` where an entry has a title in `lang`;
    a copy is written only when it changed, so an unchanged one leaves Sphinx's cache valid."""
    from pybtex.database import parse_file

    found = []
    for path in bibfiles:
        data = parse_file(str(path), bib_format="bibtex")
        changed = False
        for entry in data.entries.values():
            local = entry.fields.get(f"title{lang}")
            if local:
                entry.fields["title"] = local
                changed = True
        if not changed:
            found.append(path)
            continue
        target = folder / path.name
        text = data.to_string("bibtex")
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, text)
        found.append(target)
    return found
