"""Body parser for corpus/law texts: chapters, articles ("Điều 19. ..."), clauses and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_ARTICLE = re.compile(r"^Điều (\[?)(\d+)(\]?)\.\s*(.*)$")
_UNNUMBERED = re.compile(r"^Điều \[\D")
_CLAUSE = re.compile(r"^(\[?)(\d+)\.(?!\d)(\]?)\s*(.*)$")
_CHAPTER = re.compile(r"^Chương [IVXLC]+$")


@dataclass
class Draft:
    """An article as collected from the text: heading, body lines and full-line notes."""

    number: int
    inferred: bool
    heading: str
    chapter: str | None
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def is_note(line: str) -> bool:
    """Return whether the whole line is one compiler's note in [square brackets]."""
    if not line.startswith("["):
        return False
    depth = 0
    for index, char in enumerate(line):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0:
            return index == len(line) - 1
    return False


def _chapter_name(line: str) -> str:
    return line[1:-1].split(" — ")[0] if is_note(line) else line


def parse_articles(lines: list[str]) -> list[Draft]:
    """Return the numbered articles of a corpus body; articles with no number are skipped."""
    drafts: list[Draft] = []
    current: Draft | None = None
    chapter: str | None = None
    naming = False
    for line in lines:
        if naming and line:
            chapter, naming = f"{chapter}. {_chapter_name(line)}", False
        elif not line or line.startswith("#") or _UNNUMBERED.match(line):
            current = None
        elif _CHAPTER.match(line):
            current, chapter, naming = None, line, True
        elif match := _ARTICLE.match(line):
            inferred = bool(match.group(1) and match.group(3))
            current = Draft(int(match.group(2)), inferred, match.group(4), chapter)
            drafts.append(current)
        elif current is not None:
            (current.notes if is_note(line) else current.lines).append(line)
    return drafts


def _heading(heading: str) -> tuple[str, str | None]:
    """Split an article heading into (title, note) when the compiler supplied the title."""
    if not is_note(heading):
        return heading, None
    inner = heading[1:-1]
    title, _, remark = inner.partition(" — ")
    if title.startswith("tiêu đề"):
        return "", f"title: {inner}"
    return title, f"title supplied by the compiler: {remark or 'unverified'}"


def _clauses(lines: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Group body lines into numbered clauses; return them and notes on compiler numbering."""
    clauses: list[dict[str, Any]] = []
    notes: list[str] = []
    bracketed: list[str] = []
    quote_depth = 0  # inside “quoted amending text”, numbered lines are not clauses
    for line in lines:
        match = None if quote_depth or line.startswith("“") else _CLAUSE.match(line)
        quote_depth += line.count("“") - line.count("”")
        if match and int(match.group(2)) > (clauses[-1]["number"] if clauses else 0):
            number, text = int(match.group(2)), match.group(4)
            if match.group(1) and match.group(3):
                bracketed.append(str(number))
            if text.startswith("[") and "]" in text:
                notes.append(f"clause {number}: {text[: text.index(']') + 1]}")
            clauses.append({"number": number, "text": text})
        elif clauses:
            clauses[-1]["text"] += "\n" + line
    if bracketed:
        notes.insert(0, f"clause numbers [{', '.join(bracketed)}] assigned by the compiler")
    return clauses, notes


def article_mapping(draft: Draft, header_remark: str | None) -> dict[str, Any]:
    """Return the content/law mapping of one article, notes gathered into ``note``."""
    title, title_note = _heading(draft.heading)
    clauses, clause_notes = _clauses(draft.lines)
    notes = [f"article number [{draft.number}] inferred by the compiler"] if draft.inferred else []
    notes += [title_note] if title_note else []
    notes += [f"corpus header: {header_remark}"] if header_remark else []
    notes += clause_notes + draft.notes
    return {
        "number": draft.number,
        "title": title,
        "chapter": draft.chapter,
        "note": "\n".join(notes) or None,
        "clauses": clauses,
        "text": "\n".join(draft.lines),
    }
