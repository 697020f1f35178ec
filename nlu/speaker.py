"""The speaker named one way: "em", "mình", "tao" read as "tôi" in folded text.

People name themselves "em", "mình", "tui" or "tôi"; the entries' questions use all of them, and
on a short message the pronoun weighs as much as the words that matter: "chồng em đánh em" was
matched to the entry on siblings ("anh trai hay đánh em"), "chồng mình đánh mình" to the one on
neighbours who report, while "chồng tôi đánh tôi" found the entry on a husband who beats his
wife. The model reads every speaker as "toi". "em" stays when it names a younger sibling or a
child ("em gái", "em ấy", "trẻ em", "anh em", "chị em"); "mình" when it is "alone" or "oneself"
("một mình", "tự mình", "mình mẩy").
"""

from __future__ import annotations

SPEAKER = "toi"


def _set(words: str) -> frozenset[str]:
    """Return the space-separated words of ``words``."""
    return frozenset(words.split())


_EM_AFTER = _set("gai trai ut be ho ruot ay ta no nho re dau chong vo")
"""Words after "em" that make it someone else: "em gái", "em ấy", "em chồng", "em bé"."""
_EM_BEFORE = _set("tre anh chi cac nhung hai ba bon nam may moi dua thang")
"""Words before "em" that make it someone else: "trẻ em", "anh em", "các em", "mấy em"."""
_MINH_BEFORE = _set("mot tu rieng ban than chinh")
"""Words before "mình" that make it "oneself": "một mình", "tự mình"."""
_MINH_AFTER = _set("may")
"""Words after "mình" that make it the body: "mình mẩy"."""
_ALWAYS = frozenset({"tui", "tao"})


def one_speaker(folded: str) -> str:
    """Return folded text with the speaker's pronouns as "toi"."""
    words = folded.split(" ")
    out = [
        SPEAKER if _is_speaker(word, words[i - 1] if i else "", _at(words, i + 1)) else word
        for i, word in enumerate(words)
    ]
    return " ".join(out)


def _at(words: list[str], at: int) -> str:
    """Return the word at ``at``, or "" past the end."""
    return words[at] if at < len(words) else ""


def _is_speaker(word: str, before: str, after: str) -> bool:
    """Return whether ``word``, between ``before`` and ``after``, names the speaker."""
    if word == "em":
        return before not in _EM_BEFORE and after not in _EM_AFTER
    if word == "minh":
        return before not in _MINH_BEFORE and after not in _MINH_AFTER
    return word in _ALWAYS
