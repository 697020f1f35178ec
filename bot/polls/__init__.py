"""Polls and the law quiz: ask subscribers, count by option and group, protect small groups.

Only the runtime, the CLI and the dashboard import this package; ``feature.py`` is its surface.
"""
