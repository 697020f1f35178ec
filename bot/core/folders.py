"""Where the content, the cache and the database live when the config does not say."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_path, user_data_path

from bot.core.config import Settings

APP = "binhdang"
SHIPPED_CONTENT = Path(__file__).resolve().parent.parent / "_content"
"""The content shipped with the package (in a checkout, a link to the top-level content/)."""
HINT = "point to it with --config, BINHDANG_CONFIG or paths.content in config.yml"


def content_dir(settings: Settings) -> Path:
    """Return the content folder: ``paths.content``, else the shipped content."""
    return Path(settings.paths.content) if settings.paths.content else SHIPPED_CONTENT


def cache_dir(settings: Settings) -> Path:
    """Return the cache folder: ``paths.cache``, else the per-user cache folder."""
    return Path(settings.paths.cache) if settings.paths.cache else user_cache_path(APP)


def db_file(settings: Settings) -> Path:
    """Return the database file: ``storage.db_path``, else one in the per-user data folder."""
    if settings.storage.db_path:
        return Path(settings.storage.db_path)
    folder = user_data_path(APP)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{APP}.db"


def missing_content(folder: Path) -> str | None:
    """Return a one-line explanation when ``folder`` holds no content, else None."""
    if (folder / "strings").is_dir() and (folder / "faq").is_dir():
        return None
    return f"no content found in {folder} (looked for strings/ and faq/ there); {HINT}"
