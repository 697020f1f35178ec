"""Poll results on the dashboard: the same suppressed tables as /ketqua, the CLI and the .xlsx."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from bot.dashboard import svg
from bot.dashboard.pages import HEADERS, OVERSEERS, Context, Page
from bot.dashboard.scope import Forbidden
from bot.polls.export import XLSX_MIME, file_name, xlsx_bytes
from bot.polls.records import Poll, text_for
from bot.polls.summary import Line, PollResults, recent_polls, suppressed_results
from bot.polls.view import local


def _chosen(ctx: Context, polls: list[Poll]) -> Poll | None:
    wanted = ctx.arg("poll")
    if wanted is None:
        return polls[0] if polls else None
    found = next((p for p in polls if str(p.id) == wanted or p.key == wanted), None)
    if found is None:
        raise Forbidden("polls")
    return found


def _results(ctx: Context) -> tuple[list[Poll], PollResults | None]:
    polls = recent_polls(ctx.board.app)
    poll = _chosen(ctx, polls)
    found = suppressed_results(ctx.board.app, poll.id, ctx.viewer.locale) if poll else None
    return polls, found


def _chart(found: PollResults) -> Any:
    """Return bars of the overall counts; a suppressed count ("< 5") is drawn as 0."""
    columns = found.tables[0].columns if found.tables else ()
    counts = [int(c) if c.isdigit() else 0 for c in found.overall.cells]
    return svg.bars(found.question, list(zip(columns, counts, strict=False)))


def view(ctx: Context) -> Response:
    """Render the poll list and the chosen poll's suppressed results with a chart beside them."""
    polls, found = _results(ctx)
    zone = ctx.board.app.settings.timezone
    choices = [(p.id, text_for(p.question, ctx.viewer.locale)) for p in polls]
    window = (local(found.poll.opens_at, zone), local(found.poll.closes_at, zone)) if found else ()
    chart = _chart(found) if found and found.tables else ""
    return ctx.render("polls.html", choices=choices, found=found, window=window, chart=chart)


def _line(line: Line) -> dict[str, Any]:
    return {"label": line.label, "cells": list(line.cells), "total": line.total}


def data(ctx: Context) -> dict[str, Any]:
    """Return the chosen poll's published results (every small count already "< 5")."""
    _, found = _results(ctx)
    if found is None:
        return {"poll": None}
    tables = [
        {"title": t.title, "columns": list(t.columns), "rows": [_line(r) for r in t.rows]}
        for t in found.tables
    ]
    return {
        "poll": found.poll.key,
        "question": found.question,
        "overall": _line(found.overall),
        "tables": tables,
    }


def download(ctx: Context) -> Response:
    """Return the chosen poll's results: the same .xlsx as /ketqua and `binhdang poll export`."""
    _, found = _results(ctx)
    if found is None:
        raise Forbidden("polls")
    zone = ctx.board.app.settings.timezone
    body = xlsx_bytes(found, ctx.board.app.strings, ctx.now, zone)
    headers = {**HEADERS, "Content-Disposition": f'attachment; filename="{file_name(found)}"'}
    return Response(body, media_type=XLSX_MIME, headers=headers)


PAGE = Page("polls", "dash.nav.polls", OVERSEERS, view, data, files={"export.xlsx": download})
