"""Quiet hours: local times when bulk sending pauses (default 21:00–07:00), and finish estimates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.config import Settings


def parse_hhmm(text: str) -> time:
    """Parse ``"HH:MM"`` (ValueError if malformed)."""
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"expected HH:MM, got {text!r}")
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class QuietHours:
    """From ``start`` to ``end`` local time (across midnight when start > end) nothing bulk goes."""

    start: time
    end: time
    zone: ZoneInfo

    @classmethod
    def from_settings(cls, settings: Settings) -> QuietHours:
        """Build from ``broadcasts.quiet_start``/``quiet_end`` and ``timezone``."""
        b = settings.broadcasts
        return cls(parse_hhmm(b.quiet_start), parse_hhmm(b.quiet_end), ZoneInfo(settings.timezone))

    def is_quiet(self, now: datetime) -> bool:
        """Return whether ``now`` falls in quiet hours."""
        local = now.astimezone(self.zone).time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def ends_at(self, now: datetime) -> datetime:
        """Return when the quiet period containing ``now`` ends (``now`` if not quiet)."""
        if not self.is_quiet(now):
            return now
        local = now.astimezone(self.zone)
        end = datetime.combine(local.date(), self.end, self.zone)
        if end <= local:
            end += timedelta(days=1)
        return end

    def next_start(self, now: datetime) -> datetime:
        """Return when the next quiet period starts after ``now`` (not quiet at ``now``)."""
        local = now.astimezone(self.zone)
        start = datetime.combine(local.date(), self.start, self.zone)
        if start <= local:
            start += timedelta(days=1)
        return start


def estimate_finish(now: datetime, remaining: int, rate: float, quiet: QuietHours) -> datetime:
    """Return when ``remaining`` messages at ``rate``/s will be sent, skipping quiet hours."""
    moment, left = quiet.ends_at(now), remaining / rate if rate > 0 else 0.0
    if quiet.start == quiet.end:
        return moment + timedelta(seconds=left)
    for _ in range(366):
        window = (quiet.next_start(moment) - moment).total_seconds()
        if left <= window:
            return moment + timedelta(seconds=left)
        left -= window
        moment = quiet.ends_at(quiet.next_start(moment))
    return moment
