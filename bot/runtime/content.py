"""All content under content/, loaded and validated together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.core.config import Settings
from bot.core.folders import cache_dir, content_dir, missing_content
from bot.core.i18n import Strings, load_strings
from bot.core.problems import Problem, StartupError
from bot.core.yamlfile import parse_cache
from bot.law.library import LawLibrary, load_law
from bot.qa.engine import QA, build_qa
from bot.runtime.features import FEATURES


@dataclass(frozen=True)
class Content:
    """Strings, law library and the Q&A engine built from the knowledge base."""

    directory: Path
    strings: Strings
    law: LawLibrary
    qa: QA


def load_content(settings: Settings, today: date) -> tuple[Content, list[Problem]]:
    """Load every content file; return the content and every problem found.

    Raises StartupError when the content folder holds no content at all.
    """
    directory = content_dir(settings)
    missing = missing_content(directory)
    if missing:
        raise StartupError(missing)
    with parse_cache(cache_dir(settings)):
        return _load(settings, directory, today)


def _load(settings: Settings, directory: Path, today: date) -> tuple[Content, list[Problem]]:
    strings, problems = load_strings(directory / "strings")
    law, law_problems = load_law(directory / "law")
    qa, qa_problems = build_qa(directory, strings, law, settings.nlu, cache_dir(settings), today)
    content = Content(directory, strings, law, qa)
    return content, problems + law_problems + qa_problems + _feature_problems(directory, today)


def _feature_problems(directory: Path, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for feature in FEATURES:
        problems += feature.check(directory, today)
    return problems
