"""One-line reports: "bc thang hanh dong: 3 buoi truyen thong 250 nguoi (140 nu, 110 nam), ...".

Each number is matched to a field by the words next to it; numbers whose words name no field
(or several) are returned as unknown, to be asked about, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.reports.forms import FieldSpec, Form, Forms
from bot.reports.numbers import DIGITS, NumberProblem, digits_value, is_number_word, words_value
from bot.reports.rules import value_issue
from nlu.normalize import fold, normalize

HEAD = re.compile(r"^/?(?:bc|bao ?cao)(?:@\w+)?(?=[\s:,-]|$)[\s:,-]*")
_TOKEN = re.compile(
    DIGITS.pattern + r"|(?P<word>[^\W\d_]+)|(?P<hard>[,;\n()])|(?P<soft>[:.\-])", re.I
)
SEX_WORDS = {
    ("nu",): "nu",
    ("phu", "nu"): "nu",
    ("nu", "gioi"): "nu",
    ("nam",): "nam",
    ("nam", "gioi"): "nam",
    ("dan", "ong"): "nam",
}
SHOWN = 40
"""Characters of an unmatched phrase echoed back (keeps stray names out of long replies)."""


@dataclass(frozen=True)
class Token:
    """A word, a number (or why it is not one) or a delimiter, with its text as typed."""

    kind: str
    text: str
    value: int | NumberProblem | None = None

    @property
    def folded(self) -> str:
        """Return the token without diacritics."""
        return fold(self.text)


@dataclass
class LineParse:
    """What a one-line report said: values by slot, numbers not understood, unusable values."""

    values: dict[str, int] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)
    invalid: list[tuple[str, str, str]] = field(default_factory=list)
    """(slot code, UI string key, number as typed) for values that cannot be used."""


def is_report_line(text: str) -> bool:
    """Return whether text starts like a one-line report ("bc ...", "báo cáo ...") with a number."""
    folded = fold(text)
    return bool(HEAD.match(folded)) and bool(re.search(r"\d", folded) or ":" in folded)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", fold(text))) + " "


def split_header(text: str, forms: Forms) -> tuple[Form | None, str]:
    """Return the form a one-line report names (or None) and the text after its header."""
    body = HEAD.sub("", normalize(text), count=1)
    head, colon, rest = body.partition(":")
    words = _words(head if colon else body)
    best: tuple[str, Form] | None = None
    for form in forms.items:
        for alias in form.folded_aliases():
            at = words.find(f" {alias} ")
            if at >= 0 and (colon or at == 0) and (best is None or len(alias) > len(best[0])):
                best = (alias, form)
    if colon:
        return (best[1] if best else None), rest
    if best is None:
        return None, body
    return best[1], " ".join(body.split()[len(best[0].split()) :])


def tokens(text: str) -> list[Token]:
    """Split text into words, numbers and delimiters."""
    found = []
    for match in _TOKEN.finditer(normalize(text)):
        if match.group("word"):
            found.append(Token("word", match.group("word")))
        elif match.group("hard"):
            found.append(Token("hard", match.group("hard")))
        elif match.group("soft"):
            found.append(Token("soft", match.group("soft")))
        else:
            found.append(Token("number", match.group(0), digits_value(match)))
    return found


class Matcher:
    """Finds the field a phrase names: the longest keyword wins; a tie is not a match."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.keywords = [
            (tuple(fold(w).split()), spec.code) for spec in form.fields for w in spec.words
        ]
        self.context = [tuple(fold(w).split()) for w in form.context_words]

    @staticmethod
    def _at(phrase: list[str], words: tuple[str, ...]) -> int:
        size = len(words)
        return next(
            (i for i in range(len(phrase) - size + 1) if tuple(phrase[i : i + size]) == words), -1
        )

    def best(self, phrase: list[str], start_only: bool = False) -> set[str]:
        """Return the codes of the fields best named by ``phrase`` ("@" for context words)."""
        scored: dict[tuple[int, int], set[str]] = {}
        candidates = [*self.keywords, *((w, "@") for w in self.context)]
        for words, code in candidates:
            at = self._at(phrase, words)
            if at == 0 or (at > 0 and not start_only):
                scored.setdefault((len(words), -at), set()).add(code)
        return scored[max(scored)] if scored else set()

    def dependent(self, activity: FieldSpec | None) -> str | None:
        """Return the only field counting the people (or entries) of ``activity``."""
        if activity is None:
            return None
        codes = [spec.code for spec in self.form.fields if spec.of == activity.code]
        return codes[0] if len(codes) == 1 else None


@dataclass
class _Mention:
    value: int | NumberProblem
    typed: str
    words: list[Token] = field(default_factory=list)


def _word_number(items: list[Token], i: int, matcher: Matcher) -> tuple[int, int] | None:
    run = []
    for token in items[i:]:
        if token.kind != "word":
            break
        run.append(token.text)
    found = words_value(run)
    if found is None:
        return None
    after = [fold(w) for w in run[found[1] :]]
    return found if after and matcher.best(after, start_only=True) - {"@"} else None


def _number_at(items: list[Token], i: int, matcher: Matcher) -> tuple[_Mention, int] | None:
    """Return the number starting at token ``i`` and how many tokens it takes, if any.

    Number words count only when the words after them name a field ("ba buổi"), so "tư vấn"
    or "năm" in other senses are never read as 4 or 5.
    """
    token = items[i]
    if token.kind == "number":
        value = token.value if token.value is not None else NumberProblem.NOT_NUMBER
        return _Mention(value, token.text), 1
    if token.kind != "word" or not is_number_word(token.text):
        return None
    found = _word_number(items, i, matcher)
    if found is None:
        return None
    value, used = found
    return _Mention(value, " ".join(t.text for t in items[i : i + used])), used


def mentions(items: list[Token], matcher: Matcher) -> list[_Mention]:
    """Group tokens into numbers with the words after them (or before, when none follow)."""
    found: list[_Mention] = []
    loose: list[Token] = []
    current: _Mention | None = None
    i = 0
    while i < len(items):
        number = _number_at(items, i, matcher)
        if number is not None:
            current, used = number
            if loose and items[i].kind == "number" and _next_is_break(items, i):
                current.words = loose
            found.append(current)
            loose, i = [], i + used
            continue
        if items[i].kind == "word":
            (current.words if current is not None else loose).append(items[i])
        else:
            current = None
            loose = [] if items[i].kind == "hard" else loose
        i += 1
    return found


def _next_is_break(items: list[Token], i: int) -> bool:
    return i + 1 >= len(items) or items[i + 1].kind != "word"


def _sex(phrase: list[str]) -> str | None:
    for size in (2, 1):
        part = SEX_WORDS.get(tuple(phrase[:size]))
        if part is not None and len(phrase) >= size:
            return part
    return None


def _resolve(matcher: Matcher, phrase: list[str], last: FieldSpec | None) -> str | None:
    sex = _sex(phrase)
    if sex is not None:
        return f"{last.code}_{sex}" if last is not None and last.by_sex else None
    codes = matcher.best(phrase)
    if codes == {"@"}:
        return matcher.dependent(last)
    fields = codes - {"@"}
    return next(iter(fields)) if len(fields) == 1 else None


def _problem(matcher: Matcher, code: str, value: int | NumberProblem) -> str | None:
    if isinstance(value, NumberProblem):
        return f"rep.num.{value}"
    slot = matcher.form.slot(code)
    issue = value_issue(slot, value) if slot is not None else None
    return issue.key if issue is not None else None


def parse_body(form: Form, body: str) -> LineParse:
    """Match every number in ``body`` to a field of ``form``."""
    matcher, result = Matcher(form), LineParse()
    last: FieldSpec | None = None
    for mention in mentions(tokens(body), matcher):
        phrase = [t.folded for t in mention.words]
        shown = " ".join([mention.typed, *(t.text for t in mention.words)])[:SHOWN]
        code = _resolve(matcher, phrase, last)
        if code is None or matcher.form.slot(code) is None:
            if isinstance(mention.value, int):
                result.unknown.append((mention.value, shown))
            else:
                result.invalid.append(("", f"rep.num.{mention.value}", shown))
            continue
        slot = matcher.form.slot(code)
        last = slot.field if slot is not None and slot.part is None else last
        problem = _problem(matcher, code, mention.value)
        if problem is not None or not isinstance(mention.value, int):
            result.invalid.append((code, problem or "rep.num.not_number", mention.typed))
            continue
        result.values[code] = result.values.get(code, 0) + mention.value
    return result
