"""The dashboard's registration surface: the chat command and menu button that hand out links."""

from bot.core.feature import Feature
from bot.dashboard.chat import register

FEATURE = Feature("dashboard", register)
"""``/bangdieukhien`` and the staff menu button (the pages are mounted by the web server)."""
