"""The services package's registration surface."""

from bot.core.feature import Feature
from bot.services.chat import check, register

FEATURE = Feature("services", register, check)
"""Support services near the user, directory updates and their review."""
