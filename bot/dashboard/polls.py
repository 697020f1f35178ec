"""Poll results on the dashboard: the same suppressed tables as /ketqua, the CLI and the .xlsx."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from bot.core.records import Role
from bot.core.yamlfile import LineDict
from bot.dashboard import svg
from bot.dashboard.pages import OVERSEERS, Context, Page
from bot.dashboard.scope import Forbidden
from bot.polls.creation import create_poll, listing, mapping
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
    """Return bars of the overall counts, only when none is hidden (a bar cannot say "< 5")."""
    columns = found.tables[0].columns if found.tables else ()
    if not columns or not all(cell.isdigit() for cell in found.overall.cells):
        return ""
    counts = [int(cell) for cell in found.overall.cells]
    return svg.bars(found.question, list(zip(columns, counts, strict=False)))


def view(ctx: Context, problems: tuple[str, ...] = (), done: str = "") -> Response:
    """Render the poll list, the chosen poll's suppressed results (with a chart) and the form."""
    polls, found = _results(ctx)
    zone = ctx.board.app.settings.timezone
    choices = [(p.id, text_for(p.question, ctx.viewer.locale)) for p in polls]
    window = (local(found.poll.opens_at, zone), local(found.poll.closes_at, zone)) if found else ()
    chart = _chart(found) if found else ""
    return ctx.render(
        "polls.html",
        choices=choices,
        found=found,
        window=window,
        chart=chart,
        problems=problems,
        done=done,
        provinces=_provinces(ctx),
        form=ctx.form if problems else {},
    )


def _provinces(ctx: Context) -> list[tuple[str, str]]:
    """Return the provinces the viewer may address: their own, or every one for an admin."""
    units = ctx.board.rep.units
    if ctx.viewer.role == Role.ADMIN:
        return [(u.code, u.name) for u in units.provinces()]
    own = units.get(ctx.viewer.unit or "")
    return [(own.code, own.name)] if own and own.level == "province" else []


def _form(ctx: Context) -> LineDict:
    lines = [line.strip() for line in (ctx.arg("options") or "").splitlines() if line.strip()]
    allowed = {code for code, _ in _provinces(ctx)}
    wanted = ctx.arg("province")
    province = wanted if wanted in allowed else None
    if ctx.viewer.role != Role.ADMIN:
        province = next(iter(allowed), "-")
    question = {
        "vi": ctx.arg("question") or "",
        **({"en": q} if (q := ctx.arg("question_en")) else {}),
    }
    return mapping(
        key=ctx.arg("key") or "",
        question=question,
        options=listing(lines),
        opens=ctx.arg("opens") or "",
        closes=ctx.arg("closes") or "",
        audience=mapping(provinces=[province] if province else []),
    )


def create_view(ctx: Context) -> Response:
    """Create a poll from the form (a supervisor's goes to their province only) and show it."""
    created = create_poll(ctx.board.app, _form(ctx), ctx.viewer.urn, "dashboard")
    if created.poll is None:
        return view(ctx, created.problems)
    return view(ctx, done=ctx.t("dash.polls.created", id=created.poll))


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
    headers = {"Content-Disposition": f'attachment; filename="{file_name(found)}"'}
    return Response(body, media_type=XLSX_MIME, headers=headers)


PAGE = Page(
    "polls",
    "dash.nav.polls",
    OVERSEERS,
    view,
    data,
    files={"export.xlsx": download},
    actions={"create": create_view},
)
