"""``binhdang admin``: invite codes for staff, and one-time dashboard sign-in links."""

from __future__ import annotations

import argparse
import sys

from bot.core.records import Role
from bot.dashboard.chat import link_url
from bot.dashboard.signin import LINK_TTL, SignIns
from bot.reports.invites import ROLE_LEVEL, Invites, display_code, pairing_problem
from bot.reports.view import unit_name
from bot.runtime.assembly import load_runtime
from bot.storage.units import load_units


def _say(*lines: str, error: bool = False) -> None:
    print("\n".join(lines), file=sys.stderr if error else sys.stdout)


def cmd_invite(args: argparse.Namespace) -> int:
    """Create an invite code for ``--unit`` and ``--role``; print it once."""
    runtime = load_runtime(args.config)
    app = runtime.app
    units, role = load_units(app.db), Role(args.role)
    problem = pairing_problem(units, args.unit, role)
    if problem is not None:
        _say(f"error: {app.strings.get(problem, 'vi')} ({args.unit}, {role})", error=True)
        return 2
    now = app.now()
    with app.db.atomic():
        code, invite = Invites(app.db).create(args.unit, role, "cli", now, args.uses, args.expires)
        detail = {"invite": invite.id, "unit": args.unit, "role": str(role), "uses": args.uses}
        app.store.audit("cli", "invite", detail, now)
    _say(
        f"code: {display_code(code)}",
        f"unit: {args.unit} {unit_name(units, args.unit)}",
        f"role: {role}",
        f"uses: {args.uses}",
        f"expires: {invite.expires_at.isoformat(timespec='minutes')}",
        f"in chat: /dangky {display_code(code)}",
    )
    return 0


def cmd_dashboard_link(args: argparse.Namespace) -> int:
    """Print a one-time dashboard sign-in link for a staff user (for local use)."""
    app = load_runtime(args.config).app
    user = app.store.get_user(args.user)
    if user is None or not user.is_staff:
        _say(f"error: {args.user} is not a registered officer, supervisor or admin", error=True)
        return 2
    now = app.now()
    with app.db.atomic():
        token = SignIns(app.db).issue(user, now)
        app.store.audit("cli", "dashboard.link", {"user": user.urn, "role": str(user.role)}, now)
    minutes = int(LINK_TTL.total_seconds() // 60)
    _say(link_url(app.settings, token), f"valid once, for {minutes} minutes ({user.role})")
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``admin`` command group."""
    p = sub.add_parser("admin", help="staff administration: invite codes, dashboard links")
    admin = p.add_subparsers(dest="admin_command", required=True)
    p = admin.add_parser("invite", help="print a one-time code that makes a user staff of a unit")
    p.add_argument(
        "--unit", required=True, help='unit code: commune "00070", province "01", nation "VN"'
    )
    p.add_argument(
        "--role", required=True, choices=[str(r) for r in ROLE_LEVEL], help="role granted"
    )
    p.add_argument(
        "--uses", type=_positive, default=1, help="how many people may use it (default 1)"
    )
    p.add_argument("--expires", type=_positive, default=7, help="days until it expires (default 7)")
    p.set_defaults(func=cmd_invite)
    p = admin.add_parser("dashboard-link", help="print a one-time dashboard sign-in link")
    p.add_argument("--user", required=True, help="the staff user's URN, e.g. telegram:123")
    p.set_defaults(func=cmd_dashboard_link)
