"""The one list of job packages' registration surfaces."""

from bot.broadcasts import feature as broadcasts
from bot.core.feature import Feature
from bot.dashboard import feature as dashboard
from bot.polls import feature as polls
from bot.qa import feature as qa
from bot.reports import feature as reports
from bot.runtime import home
from bot.services import feature as services

FEATURES: tuple[Feature, ...] = (
    home.FEATURE,
    services.FEATURE,
    reports.FEATURE,
    broadcasts.FEATURE,
    polls.FEATURE,
    qa.FEATURE,
    dashboard.FEATURE,
)
"""Registration (and help) order; content checking asks the same list."""
