"""The report pages: overview (who has reported) and indicators (the export's numbers)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.responses import Response

from bot.dashboard import svg
from bot.dashboard.indicators import Indicators, build_indicators
from bot.dashboard.overview import Overview, build_overview, choices, pick, remind, share
from bot.dashboard.pages import ALL_STAFF, OVERSEERS, Context, Page
from bot.dashboard.scope import home, require
from bot.reports.export import XLSX_MIME, csv_bytes, file_name, xlsx_bytes
from bot.reports.rollup import Rollup
from bot.reports.view import day, report_name

CHART_ROWS = 40
"""Units drawn in the completeness chart (worst first); the table lists them all."""
LATE_ROWS = 300
"""Communes listed as behind; the spreadsheet lists them all."""


def _overview(ctx: Context) -> Overview:
    rep = ctx.board.rep
    unit = ctx.unit()
    form, period = ctx.arg("form"), ctx.arg("period")
    if chosen := ctx.arg("choice"):
        form, _, period = chosen.partition("|")
    choice = pick(rep, rep.today(ctx.now), form, period)
    return build_overview(ctx.board.rollups, choice, unit.code, ctx.now)


def _selection(ctx: Context, rollup: Rollup) -> dict[str, Any]:
    """Return what every report page shows above its figures: period choices and the unit."""
    rep = ctx.board.rep
    options = [
        (f.id, p.id, report_name(ctx.t, ctx.viewer.locale, f, p))
        for f, p in choices(rep, rep.today(ctx.now))
    ]
    parent = rep.units.get(rollup.scope.parent or "")
    up = parent if parent is not None and _visible(ctx, parent.code) else None
    return {
        "rollup": rollup,
        "options": options,
        "units": _units(ctx, rollup),
        "report": report_name(ctx.t, ctx.viewer.locale, rollup.form, rollup.period),
        "up": up,
        "day": day,
        "query": urlencode(
            {"unit": rollup.scope.code, "form": rollup.form.id, "period": rollup.period.id}
        ),
    }


def _units(ctx: Context, rollup: Rollup) -> list[tuple[str, str]]:
    """Return the units the chooser offers: the viewer's own, its children, the one shown."""
    units = ctx.board.rep.units
    top = units.get(home(ctx.viewer))
    if top is None:
        return []
    below = units.provinces() if top.level == "national" else units.communes(top.code)
    shown = [top, *(below if top.level != "commune" else [])]
    if rollup.scope not in shown:
        shown.append(rollup.scope)
    return [(unit.code, unit.name) for unit in shown]


def _visible(ctx: Context, code: str) -> bool:
    return ctx.board.rep.units.contains(home(ctx.viewer), code)


def overview_view(ctx: Context) -> Response:
    """Render the overview page."""
    ov = _overview(ctx)
    rows = ov.worst_first()
    chart = svg.bars(
        ctx.t("dash.ov.chart_units"), [(r.unit.name, share(r)) for r in rows[:CHART_ROWS]], 1
    )
    daily = [(d.strftime("%d/%m"), n) for d, n in ov.daily]
    trend = svg.columns(ctx.t("dash.ov.chart_daily"), daily)
    behind = (ov.missing + ov.late)[:LATE_ROWS]
    may_remind = ctx.viewer.role in OVERSEERS and bool(ov.missing)
    return ctx.render(
        "overview.html",
        ov=ov,
        rows=rows,
        chart=chart,
        trend=trend,
        daily=daily,
        share=share,
        behind=behind,
        may_remind=may_remind,
        **_selection(ctx, ov.rollup),
    )


def overview_data(ctx: Context) -> dict[str, Any]:
    """Return the overview's figures."""
    ov = _overview(ctx)
    rollup = ov.rollup
    return {
        "form": rollup.form.id,
        "period": rollup.period.id,
        "unit": rollup.scope.code,
        "due": rollup.period.due.isoformat(),
        "expected": ov.expected,
        "reported": rollup.reported,
        "on_time": rollup.on_time,
        "late": len(ov.late),
        "missing": len(ov.missing),
        "units": [
            {
                "code": r.unit.code,
                "name": r.unit.name,
                "reported": r.reported,
                "communes": r.communes,
            }
            for r in ov.worst_first()
        ],
        "daily": [{"day": d.isoformat(), "reports": n} for d, n in ov.daily],
    }


def remind_action(ctx: Context) -> Response:
    """Queue today's reminder to the officers of the silent communes in scope."""
    require(ctx.viewer, OVERSEERS)
    ov = _overview(ctx)
    queued = remind(ctx.board.rep, ov, ctx.now)
    detail = {"unit": ov.rollup.scope.code, "period": ov.rollup.period.id, "queued": queued}
    ctx.board.app.store.audit(ctx.viewer.urn, "dashboard.remind", detail, ctx.now)
    query = {"unit": ov.rollup.scope.code, "form": ov.rollup.form.id, "period": ov.rollup.period.id}
    return ctx.back("overview", "dash.note.reminded", n=str(queued), **query)


def _indicators(ctx: Context) -> Indicators:
    ov = _overview(ctx)
    rep = ctx.board.rep
    cache = ctx.board.rollups
    return build_indicators(cache, ov.rollup, ctx.t, ctx.viewer.locale, rep.today(ctx.now))


def indicators_view(ctx: Context) -> Response:
    """Render the indicators page: totals, by sex, by period, by unit."""
    ind = _indicators(ctx)
    names = (ctx.t("dash.ind.female"), ctx.t("dash.ind.male"))
    by_sex = svg.split(
        ctx.t("dash.ind.chart_sex"), [(s.label, s.female, s.male) for s in ind.by_sex], names
    )
    periods = [ctx.t(f"rep.period.{p.period.kind}", year=p.period.year) for p in ind.by_period]
    fields = [s for s in ind.slots if s.part is None]
    rows = [
        (s.field.short_label(ctx.viewer.locale), [p.totals.get(s.code, 0) for p in ind.by_period])
        for s in fields
    ]
    drawn = [row for row in rows if any(row[1])]
    by_period = svg.groups(ctx.t("dash.ind.chart_period"), drawn, periods)
    return ctx.render(
        "indicators.html",
        ind=ind,
        by_sex=by_sex,
        by_period=by_period,
        periods=periods,
        period_rows=rows,
        total_rows=list(zip(ind.slots, ind.headers, ind.totals(), strict=True)),
        **_selection(ctx, ind.rollup),
    )


def indicators_data(ctx: Context) -> dict[str, Any]:
    """Return every slot's total, and the totals of each unit of the scope."""
    ind = _indicators(ctx)
    codes = [slot.code for slot in ind.slots]
    units = [
        {"code": r.unit.code, "name": r.unit.name, **{c: r.values.get(c) for c in codes}}
        for r in ind.rollup.rows
    ]
    totals = dict(zip(codes, ind.totals(), strict=True))
    rollup = ind.rollup
    return {
        "form": rollup.form.id,
        "period": rollup.period.id,
        "unit": rollup.scope.code,
        "columns": dict(zip(codes, ind.headers, strict=True)),
        "totals": totals,
        "units": units,
    }


def _download(ctx: Context, suffix: str) -> Response:
    rep, rollup = ctx.board.rep, _overview(ctx).rollup
    locale = ctx.viewer.locale
    if suffix == "xlsx":
        data = xlsx_bytes(rollup, rep.units, ctx.t, locale, ctx.now.astimezone(rep.zone))
        mime = XLSX_MIME
    else:
        data, mime = csv_bytes(rollup, rep.units, ctx.t, locale), "text/csv; charset=utf-8"
    disposition = f'attachment; filename="{file_name(rollup, suffix)}"'
    headers = {"Content-Disposition": disposition}
    return Response(data, media_type=mime, headers=headers)


PAGES = (
    Page(
        "overview",
        "dash.nav.overview",
        ALL_STAFF,
        overview_view,
        overview_data,
        actions={"remind": remind_action},
    ),
    Page(
        "indicators",
        "dash.nav.indicators",
        ALL_STAFF,
        indicators_view,
        indicators_data,
        files={
            "export.xlsx": lambda c: _download(c, "xlsx"),
            "export.csv": lambda c: _download(c, "csv"),
        },
    ),
)
"""The report pages, first in the menu."""
