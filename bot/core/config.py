"""Typed settings from config.yml: every key has a type, a default and a description."""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.core.problems import ContentError, Problem
from bot.core.yamlfile import LineDict, load_yaml

DEFAULT_CONFIG = "config.yml"


class Section(BaseModel):
    """Base for config sections: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StorageSettings(Section):
    """Where data lives."""

    db_path: str = Field(
        "",
        description="SQLite database file; empty: binhdang.db in the per-user data folder "
        "(env BINHDANG_DB overrides).",
    )


class PathSettings(Section):
    """Folders the bot reads and writes."""

    content: str = Field(
        "",
        description="Folder with the YAML content (FAQ, law, strings...); empty: the content "
        "shipped with the package.",
    )
    cache: str = Field(
        "",
        description="Folder for derived files such as the trained NLU model; empty: the "
        "per-user cache folder.",
    )


class WebSettings(Section):
    """The embedded web server: web chat and webhooks."""

    enabled: bool = Field(True, description="Serve the web chat page and its JSON API.")
    host: str = Field("127.0.0.1", description="Address the web server listens on.")
    port: int = Field(8080, ge=0, le=65535, description="Port the web server listens on.")


class TelegramSettings(Section):
    """Telegram channel (on when TELEGRAM_BOT_TOKEN is set)."""

    api_base_url: str = Field(
        "https://api.telegram.org/bot",
        description="Bot API base URL, token appended (env TELEGRAM_API_BASE_URL overrides).",
    )
    webhook_url: str = Field(
        "", description="Public HTTPS URL for webhook mode; empty means long polling."
    )
    webhook_path: str = Field(
        "/telegram/webhook", description="Path that receives webhook updates."
    )
    group_mode: Literal["mention", "decline"] = Field(
        "mention", description="In groups: answer only when addressed, or politely decline."
    )
    poll_timeout: int = Field(30, ge=0, le=50, description="Long-polling timeout in seconds.")


class ZaloSettings(Section):
    """Zalo Bot Platform channel (on when ZALO_BOT_TOKEN is set)."""

    api_base_url: str = Field(
        "https://bot-api.zaloplatforms.com",
        description="Zalo Bot API base URL (env ZALO_API_BASE_URL overrides).",
    )
    webhook_url: str = Field(
        "", description="Public HTTPS URL for webhook mode; empty means polling."
    )
    webhook_path: str = Field("/zalo/webhook", description="Path that receives webhook events.")
    send_rate: float = Field(5.0, gt=0, description="Messages per second sent to Zalo (bulk).")


class NluSettings(Section):
    """Understanding citizens' messages."""

    engine: Literal["embedded", "rasa"] = Field(
        "embedded",
        description="embedded (offline, default) or rasa (a Rasa server's /model/parse).",
    )
    rasa_url: str = Field("http://127.0.0.1:5005", description="Rasa server base URL.")
    rasa_timeout: float = Field(
        2.0, gt=0, description="Seconds to wait for Rasa before falling back."
    )
    threshold: float = Field(
        0.45, ge=0, le=1, description="FAQ confidence below which the bot says it is not sure."
    )


class PrivacySettings(Section):
    """What is kept about citizens."""

    store_citizen_text: bool = Field(
        False, description="Store citizens' message text (off: only date, intent, confidence)."
    )


class ReportSettings(Section):
    """Officer reports."""

    reminder_days: int = Field(3, ge=0, description="Days before the due date to remind officers.")
    reminder_hour: int = Field(
        8, ge=0, le=23, description="Local hour at which reminders are sent."
    )


class BroadcastSettings(Section):
    """Campaign broadcasts."""

    quiet_start: str = Field("21:00", description="Local time when bulk sending pauses (HH:MM).")
    quiet_end: str = Field("07:00", description="Local time when bulk sending resumes (HH:MM).")
    telegram_rate: float = Field(
        25.0, gt=0, description="Telegram bulk messages per second overall."
    )
    telegram_per_chat: float = Field(
        1.0, gt=0, description="Telegram messages per second to one chat."
    )
    max_attempts: int = Field(3, ge=1, description="Tries for a transient delivery error.")


class Settings(Section):
    """All settings of binhdang-bot."""

    timezone: str = Field("Asia/Ho_Chi_Minh", description="Time zone for schedules and deadlines.")
    default_locale: Literal["vi", "en"] = Field("vi", description="Locale of new users.")
    storage: StorageSettings = Field(default_factory=StorageSettings, description="Storage.")
    paths: PathSettings = Field(default_factory=PathSettings, description="Folders.")
    web: WebSettings = Field(default_factory=WebSettings, description="Web chat.")
    telegram: TelegramSettings = Field(default_factory=TelegramSettings, description="Telegram.")
    zalo: ZaloSettings = Field(default_factory=ZaloSettings, description="Zalo.")
    nlu: NluSettings = Field(default_factory=NluSettings, description="NLU.")
    privacy: PrivacySettings = Field(default_factory=PrivacySettings, description="Privacy.")
    reports: ReportSettings = Field(default_factory=ReportSettings, description="Reports.")
    broadcasts: BroadcastSettings = Field(
        default_factory=BroadcastSettings, description="Broadcasts."
    )


class Secrets(BaseModel):
    """Tokens, read only from the environment."""

    model_config = ConfigDict(frozen=True)

    telegram_token: str = ""
    telegram_webhook_secret: str = ""
    zalo_token: str = ""
    zalo_webhook_secret: str = ""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Secrets:
        """Read the secrets from ``env`` (default: the process environment)."""
        source = os.environ if env is None else env
        return cls(
            telegram_token=source.get("TELEGRAM_BOT_TOKEN", ""),
            telegram_webhook_secret=source.get("TELEGRAM_WEBHOOK_SECRET", ""),
            zalo_token=source.get("ZALO_BOT_TOKEN", ""),
            zalo_webhook_secret=source.get("ZALO_WEBHOOK_SECRET", ""),
        )


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
