"""Typed settings from config.yml: every key has a type, a default and a description."""

from __future__ import annotations

import os
import re
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def clock_time(value: str) -> str:
    """Return ``value`` if it is a local time ``HH:MM`` (00:00 to 23:59), else raise ValueError."""
    if not HHMM.match(value):
        raise ValueError(f"{value!r} is not a time of day HH:MM (00:00 to 23:59)")
    return value


def time_zone(value: str) -> str:
    """Return ``value`` if it names an IANA time zone, else raise ValueError."""
    try:
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        raise ValueError(f"unknown time zone {value!r} (e.g. 'Asia/Ho_Chi_Minh')") from None
    return value


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


class DashboardSettings(Section):
    """The supervisors' dashboard in the browser (served by the web server)."""

    public_url: str = Field("", description="Address in sign-in links; empty: web.host:web.port.")


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
    memo: int = Field(
        2048,
        ge=0,
        description="Recent parses kept in memory (digests, no text) so a question many people "
        "send is understood once; 0: off.",
    )


class PrivacySettings(Section):
    """What is kept about citizens."""

    store_citizen_text: bool = Field(
        False, description="Store citizens' message text (off: only date, intent, confidence)."
    )
    story_minutes: int = Field(
        10,
        ge=0,
        le=60,
        description="Minutes the last messages not understood are held in memory, never written, "
        "to read a story told in pieces; 0: off.",
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

    @field_validator("quiet_start", "quiet_end")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        return clock_time(value)


class Settings(Section):
    """All settings of binhdang-bot."""

    timezone: str = Field("Asia/Ho_Chi_Minh", description="Time zone for schedules and deadlines.")
    default_locale: Literal["vi", "en"] = Field("vi", description="Locale of new users.")
    storage: StorageSettings = Field(default_factory=StorageSettings, description="Storage.")
    paths: PathSettings = Field(default_factory=PathSettings, description="Folders.")
    web: WebSettings = Field(default_factory=WebSettings, description="Web chat.")
    dashboard: DashboardSettings = Field(
        default_factory=DashboardSettings, description="Dashboard."
    )
    telegram: TelegramSettings = Field(default_factory=TelegramSettings, description="Telegram.")
    zalo: ZaloSettings = Field(default_factory=ZaloSettings, description="Zalo.")
    nlu: NluSettings = Field(default_factory=NluSettings, description="NLU.")
    privacy: PrivacySettings = Field(default_factory=PrivacySettings, description="Privacy.")
    reports: ReportSettings = Field(default_factory=ReportSettings, description="Reports.")
    broadcasts: BroadcastSettings = Field(
        default_factory=BroadcastSettings, description="Broadcasts."
    )

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        return time_zone(value)


class Secrets(BaseModel):
    """Tokens, read only from the environment."""

    model_config = ConfigDict(frozen=True)

    telegram_token: str = ""
    telegram_webhook_secret: str = ""
    zalo_token: str = ""
    zalo_webhook_secret: str = ""
    web_secret: str = ""
    """Signs the web chat's identity cookie; empty: a random secret per process."""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Secrets:
        """Read the secrets from ``env`` (default: the process environment)."""
        source = os.environ if env is None else env
        return cls(
            telegram_token=source.get("TELEGRAM_BOT_TOKEN", ""),
            telegram_webhook_secret=source.get("TELEGRAM_WEBHOOK_SECRET", ""),
            zalo_token=source.get("ZALO_BOT_TOKEN", ""),
            zalo_webhook_secret=source.get("ZALO_WEBHOOK_SECRET", ""),
            web_secret=source.get("BINHDANG_WEB_SECRET", ""),
        )
