"""Reading config.yml: env overrides, validation with file:line problems, relative paths."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.core.config import Section, Settings
from bot.core.problems import ContentError, Problem
from bot.core.yamlfile import LineDict, load_yaml

DEFAULT_CONFIG = "config.yml"


ENV_OVERRIDES: dict[str, tuple[str, str]] = {
    "BINHDANG_DB": ("storage", "db_path"),
    "TELEGRAM_API_BASE_URL": ("telegram", "api_base_url"),
    "ZALO_API_BASE_URL": ("zalo", "api_base_url"),
}


def documented_keys(model: type[BaseModel] = Settings, prefix: str = "") -> dict[str, str]:
    """Return every config key (dotted) with its description."""
    keys: dict[str, str] = {}
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, Section):
            keys.update(documented_keys(annotation, f"{prefix}{name}."))
        else:
            keys[f"{prefix}{name}"] = field.description or ""
    return keys


def config_path(explicit: str | None, env: dict[str, str] | None = None) -> Path:
    """Pick the config file: --config, then BINHDANG_CONFIG, then ./config.yml."""
    source = os.environ if env is None else env
    return Path(explicit or source.get("BINHDANG_CONFIG") or DEFAULT_CONFIG)


def _hint(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _fields_at(parts: list[str]) -> list[str]:
    model: type[BaseModel] = Settings
    for part in parts:
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        if not (isinstance(annotation, type) and issubclass(annotation, Section)):
            return []
        model = annotation
    return list(model.model_fields)


def _problem(err: dict[str, Any], data: Any, file: str) -> Problem:
    node, line = data, getattr(data, "line", 1) or 1
    for part in err["loc"]:
        if isinstance(node, LineDict) and part in node:
            line, node = node.line_of(str(part)), node[part]
        else:
            break
    path = ".".join(str(p) for p in err["loc"])
    if err["type"] == "extra_forbidden":
        known = _fields_at([str(p) for p in err["loc"][:-1]])
        return Problem(file, line, f"unknown key {path!r}{_hint(str(err['loc'][-1]), known)}")
    return Problem(file, line, f"{path}: {err['msg']}")


def _apply_env(data: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    merged = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    for var, (section, key) in ENV_OVERRIDES.items():
        if env.get(var):
            merged.setdefault(section, {})[key] = env[var]
    return merged


def parse_settings(data: Any, file: str, env: dict[str, str]) -> tuple[Settings, list[Problem]]:
    """Validate raw config data; return settings (defaults on error) and problems."""
    if data is None:
        data = LineDict()
    if not isinstance(data, dict):
        return Settings(), [Problem(file, 1, "config must be a mapping of sections")]
    try:
        return Settings.model_validate(_apply_env(data, env)), []
    except ValidationError as err:
        return Settings(), [_problem(e, data, file) for e in err.errors()]  # type: ignore[arg-type]


def load_settings(
    explicit: str | None = None, env: dict[str, str] | None = None
) -> tuple[Settings, list[Problem]]:
    """Load settings from the chosen config file (missing default file = all defaults)."""
    source = dict(os.environ if env is None else env)
    path = config_path(explicit, source)
    if not path.exists():
        if explicit or source.get("BINHDANG_CONFIG"):
            return Settings(), [Problem(str(path), 1, "config file not found")]
        return parse_settings(None, str(path), source)
    data, problems = load_yaml(path)
    if problems:
        return Settings(), problems
    settings, problems = parse_settings(data, str(path), source)
    return relative_to(settings, path.resolve().parent, source), problems


def relative_to(settings: Settings, folder: Path, env: dict[str, str]) -> Settings:
    """Resolve the config file's relative paths against its folder (env paths: the cwd)."""

    def resolved(value: str) -> str:
        return str(folder / value) if value and not Path(value).is_absolute() else value

    paths = settings.paths.model_copy(
        update={
            "content": resolved(settings.paths.content),
            "cache": resolved(settings.paths.cache),
        }
    )
    db = settings.storage.db_path if env.get("BINHDANG_DB") else resolved(settings.storage.db_path)
    storage = settings.storage.model_copy(update={"db_path": db})
    return settings.model_copy(update={"paths": paths, "storage": storage})


def settings_or_raise(explicit: str | None = None) -> Settings:
    """Load settings or raise ContentError listing every problem (stops start-up)."""
    settings, problems = load_settings(explicit)
    if problems:
        raise ContentError(problems)
    return settings
