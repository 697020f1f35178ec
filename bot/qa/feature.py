"""The Q&A package's registration surface."""

from bot.core.feature import Feature
from bot.qa.chat import register

FEATURE = Feature("qa", register)
"""Registered last: it answers what no other feature claims, with the services' local help."""
