"""The reports package's registration surface."""

from bot.core.feature import Feature
from bot.reports.chat import check, register

FEATURE = Feature("reports", register, check)
"""Officer reports, registration, roll-ups and exports, and the reminder job."""
