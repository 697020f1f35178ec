"""Supervisors and admins: ``/tonghop [period] [unit]`` totals and ``/xuat`` spreadsheets."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.core.app import App
from bot.core.messages import Button, Document, Reply
from bot.core.records import Role
from bot.core.router import Handler, Router, folded_words
from bot.core.turn import Outcome, Turn
from bot.core.units import NATIONAL
from bot.reports.context import SUPERVISORS, Reporting
from bot.reports.export import XLSX_MIME, file_name, xlsx_bytes
from bot.reports.forms import PARTS, Form
from bot.reports.periods import Period, parse_period
from bot.reports.rollup import Rollup, Status, build_rollup
from bot.reports.view import day, number, report_name, value_lines

MAX_NAMES = 40
"""Communes named in a chat roll-up; the spreadsheet lists them all."""
Choice = tuple[Form, Period, str]


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _names(turn: Turn, rows: list[str]) -> str:
    shown = ", ".join(rows[:MAX_NAMES])
    more = len(rows) - MAX_NAMES
    return shown + (turn.t("rep.more", count=more) if more > 0 else "")


class Rollups:
    """Roll-up handlers on a shared Reporting."""

    def __init__(self, rep: Reporting) -> None:
        self.rep = rep

    def _scope(self, turn: Turn, words: list[str]) -> tuple[str, list[str]]:
        own = NATIONAL if turn.user.role == Role.ADMIN else (turn.user.unit or "")
        rest = [w for w in words if self.rep.units.get(w) is None]
        named = [w for w in words if self.rep.units.get(w) is not None]
        scope = named[0] if named else own
        if not self.rep.units.contains(own, scope):
            raise LookupError("rep.err.other_unit")
        return scope, rest

    def _latest(self, today_forms: list[Form], turn: Turn) -> list[tuple[Form, Period]]:
        today = self.rep.today(turn.now)
        started = [(p, f) for f in today_forms for p in f.periods(today) if p.started(today)]
        if not started:
            return []
        newest = max(p.start for p, _ in started)
        return [(f, p) for p, f in started if p.start == newest]

    def choose(self, turn: Turn, text: str) -> tuple[str, list[tuple[Form, Period]]]:
        """Return the scope and the (form, period) pairs ``text`` may mean; raise LookupError."""
        scope, words = self._scope(turn, text.split())
        if words:
            parsed = parse_period(" ".join(words), self.rep.today(turn.now))
            found = [(f, f.period(*parsed)) for f in self.rep.forms.items] if parsed else []
            options = [(f, p) for f, p in found if p is not None]
        else:
            options = self._latest(list(self.rep.forms.items), turn)
        if not options:
            raise LookupError("rep.err.bad_period")
        return scope, options

    def _pick(self, turn: Turn, prefix: str, text: str) -> Choice | Outcome:
        try:
            scope, options = self.choose(turn, text)
        except LookupError as err:
            return turn.reply(turn.say(str(err.args[0])))
        if len(options) == 1:
            return options[0][0], options[0][1], scope
        buttons = [
            Button(
                report_name(turn.t, turn.locale, f, p),
                f"{prefix}:{f.id}:{p.id}:{scope}",
            )
            for f, p in options
        ]
        return turn.reply(Reply(turn.t("rep.choose_form"), tuple(buttons)))

    def _rollup(self, turn: Turn, prefix: str) -> Rollup | Outcome:
        """Return the roll-up a button or the command's words choose, or the question to ask."""
        if turn.incoming.button:
            found = self._from_button(turn)
        else:
            found = self._pick(turn, prefix, turn.text.partition(" ")[2])
        return found if isinstance(found, Outcome) else build_rollup(self.rep, *found)

    def _from_button(self, turn: Turn) -> Choice | Outcome:
        parts = (turn.incoming.button or "").split(":")
        form = self.rep.forms.get(parts[1]) if len(parts) == 4 else None
        period = form.period_by_id(parts[2]) if form else None
        if form is None or period is None:
            return turn.reply(turn.say("rep.err.stale"))
        try:
            scope, _ = self._scope(turn, [parts[3]])
        except LookupError as err:
            return turn.reply(turn.say(str(err.args[0])))
        return form, period, scope

    def summary(self, turn: Turn) -> Outcome:
        """``/tonghop [period] [unit]`` and its buttons: totals, progress, silent communes."""
        rollup = self._rollup(turn, "sum")
        if isinstance(rollup, Outcome):
            return rollup
        return turn.reply(Reply(summary_text(self.rep, turn, rollup)))

    def export(self, turn: Turn) -> Outcome:
        """``/xuat [period] [unit]``: the roll-up as an Excel file."""
        rollup = self._rollup(turn, "xls")
        if isinstance(rollup, Outcome):
            return rollup
        local = turn.now.astimezone(self.rep.zone)
        data = xlsx_bytes(rollup, self.rep.units, turn.t, turn.locale, local)
        document = Document(file_name(rollup, "xlsx"), data, XLSX_MIME)
        caption = turn.t(
            "rep.x.caption",
            report=report_name(turn.t, turn.locale, rollup.form, rollup.period),
            unit=rollup.scope.name,
        )
        return turn.reply(Reply(caption, document=document))


def _head(rep: Reporting, turn: Turn, rollup: Rollup) -> list[str]:
    period, total = rollup.period, len(rollup.communes)
    local = turn.now.astimezone(rep.zone)
    heading = turn.t(
        "rep.sum.heading",
        report=report_name(turn.t, turn.locale, rollup.form, period),
        unit=rollup.scope.name,
        at=local.strftime("%H:%M %d/%m/%Y"),
        due=day(period.due),
    )
    progress = turn.t(
        "rep.sum.progress",
        reported=number(rollup.reported),
        total=number(total),
        share=_percent(rollup.reported, total),
        on_time=number(rollup.on_time),
    )
    return [heading, progress]


def _totals(turn: Turn, rollup: Rollup) -> list[str]:
    totals = rollup.totals
    lines = [turn.t("rep.sum.totals")]
    lines += value_lines(turn, rollup.form, totals) or [turn.t("rep.sum.none")]
    by_sex = {part: 0 for part in PARTS}
    for slot in rollup.form.slots:
        if slot.part is not None:
            by_sex[slot.part] += totals.get(slot.code, 0)
    if any(by_sex.values()):
        female, male = number(by_sex["nu"]), number(by_sex["nam"])
        lines.append(turn.t("rep.sum.by_sex", female=female, male=male))
    return lines


def _units(rep: Reporting, turn: Turn, rollup: Rollup) -> list[str]:
    if rollup.scope.level == "national":
        rows = [f"• {r.unit.name}: {r.reported}/{r.communes}" for r in rollup.rows]
        return [turn.t("rep.sum.provinces"), *rows]
    lines = []
    late = [r.unit.name for r in rollup.with_status(Status.LATE)]
    missing = [r.unit.name for r in rollup.with_status(Status.MISSING)]
    if late:
        lines.append(turn.t("rep.sum.late", count=len(late), names=_names(turn, late)))
    if missing:
        overdue = rep.today(turn.now) > rollup.period.due
        key = "rep.sum.overdue" if overdue else "rep.sum.missing"
        lines.append(turn.t(key, count=len(missing), names=_names(turn, missing)))
    return lines


def summary_text(rep: Reporting, turn: Turn, rollup: Rollup) -> str:
    """Return a roll-up as a chat message: progress, totals (by sex), units behind."""
    lines = [*_head(rep, turn, rollup), *_totals(turn, rollup), *_units(rep, turn, rollup)]
    return "\n".join([*lines, turn.t("rep.sum.export")])


SUMMARY_WORDS = re.compile(
    r"\b((xa|phuong|don vi|tinh|noi|ai) nao (chua|da) (bao cao|nop)|ai chua (bao cao|nop)"
    r"|chua nop bao cao|tong hop|tien do (bao cao|nop)|bao nhieu (xa|phuong|don vi|tinh) "
    r"(da |chua )?(bao cao|nop))\b"
)
"""A supervisor asking in words for the roll-up ("xã nào chưa báo cáo", "tổng hợp")."""
EXPORT_WORDS = re.compile(r"\b(xuat|tai|gui|file|bang) (file )?(excel|xlsx)\b")
"""A supervisor asking in words for the Excel file ("xuất excel", "gửi file excel")."""


def _as_command(handler: Handler, command: str) -> Handler:
    """Return a handler that treats free text as the bare command (no period or unit)."""
    return lambda turn: handler(replace(turn, text=command))


def register(router: Router, app: App, rep: Reporting) -> None:
    """Register /tonghop and /xuat with their buttons and words (supervisors and admins only)."""
    rollups = Rollups(rep)
    export, summary = _as_command(rollups.export, "/xuat"), _as_command(rollups.summary, "/tonghop")
    router.text(folded_words(EXPORT_WORDS), export, roles=SUPERVISORS)
    router.text(folded_words(SUMMARY_WORDS), summary, roles=SUPERVISORS)
    router.command(["tonghop"], rollups.summary, roles=SUPERVISORS, help_key="rep.help.tonghop")
    router.command(["xuat"], rollups.export, roles=SUPERVISORS, help_key="rep.help.xuat")
    router.button("sum", rollups.summary, roles=SUPERVISORS)
    router.button("xls", rollups.export, roles=SUPERVISORS)
