"""The dashboard over HTTP (no browser): one-time links, sessions, scope, CSRF, figures."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from starlette.responses import Response

from bot.cli import main as cli
from bot.core.records import Role
from bot.dashboard.pages import PAGES, Context, Page, add_page
from bot.dashboard.signin import SignIns
from bot.polls.repository import Polls
from bot.polls.summary import suppressed_results
from bot.runtime.assembly import Runtime
from bot.runtime.server import web_app
from bot.storage.database import open_database
from bot.storage.migrations import MIGRATIONS
from bot.storage.store import SqliteStore
from tests.chat import Chat
from tests.conftest import NOW, Clock
from tests.dashboard_fixture import (
    ADMIN,
    LINK,
    OFFICER,
    OTHER_SUPERVISOR,
    SUPERVISOR,
    fill,
    link_path,
)
from tests.reporting import staff
from tests.servers import running
from tests.test_reports_cli import (
    Binhdang,
    binhdang,  # noqa: F401 (a fixture)
)

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def filled(runtime: Runtime) -> Runtime:
    return fill(runtime)


@pytest.fixture
def client(filled: Runtime) -> Iterator[httpx.Client]:
    with running(web_app(filled, [])) as url, httpx.Client(base_url=url) as http:
        yield http


def sign_in(runtime: Runtime, client: httpx.Client, urn: str) -> str:
    """Sign in through a link from the chat; return the CSRF token of the overview."""
    path = link_path(runtime, urn)
    assert client.get(path).status_code == 200
    answer = client.post(path)
    assert answer.status_code == 303, answer.text
    page = client.get("/dashboard/")
    assert page.status_code == 200
    found = CSRF.search(page.text)
    assert found
    return found.group(1)


def test_citizens_get_no_link_and_no_menu_button(filled: Runtime) -> None:
    chat = Chat(filled, "web:citizen")
    chat.say("/start")
    assert "Bảng điều khiển" not in chat.labels()
    chat.say("/bangdieukhien")
    assert "không biết lệnh này" in chat.text()


def test_staff_menu_has_the_dashboard_button(filled: Runtime) -> None:
    chat = Chat(filled, SUPERVISOR)
    chat.say("/start")
    chat.press("Bảng điều khiển")
    assert "/dashboard/login/" in chat.text()


def test_staff_asking_in_words_get_the_link(filled: Runtime) -> None:
    """Ninth session: "xem dashboard" got "out of scope"; citizens still get no link."""
    chat = Chat(filled, SUPERVISOR)
    chat.say("cho tôi xem dashboard")
    assert "/dashboard/login/" in chat.text()
    citizen = Chat(filled, "web:citizen")
    citizen.say("cho tôi xem dashboard")
    assert "/dashboard/login/" not in citizen.text()


def test_link_works_once_and_sets_a_strict_cookie(filled: Runtime, client: httpx.Client) -> None:
    path = link_path(filled, SUPERVISOR)
    answer = client.post(path)
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
    assert "Max-Age=28800" in cookie
    client.cookies.clear()
    again = client.post(path)
    assert again.status_code == 403
    assert "đã được dùng" in again.text


def test_expired_link_is_refused(filled: Runtime, client: httpx.Client, clock: Clock) -> None:
    path = link_path(filled, SUPERVISOR)
    clock.now += timedelta(minutes=10, seconds=1)
    assert client.post(path).status_code == 403


def test_a_get_never_uses_the_link(filled: Runtime, client: httpx.Client) -> None:
    path = link_path(filled, SUPERVISOR)
    for _ in range(3):
        assert client.get(path).status_code == 200
    assert client.post(path).status_code == 303


def test_session_ends_after_8_idle_hours(
    filled: Runtime, client: httpx.Client, clock: Clock
) -> None:
    sign_in(filled, client, SUPERVISOR)
    clock.now += timedelta(hours=7, minutes=59)
    assert client.get("/dashboard/").status_code == 200
    clock.now += timedelta(hours=7, minutes=59)
    assert client.get("/dashboard/").status_code == 200
    clock.now += timedelta(hours=8, seconds=1)
    assert client.get("/dashboard/").status_code == 401


def test_sign_out_needs_csrf_and_ends_the_session(filled: Runtime, client: httpx.Client) -> None:
    csrf = sign_in(filled, client, SUPERVISOR)
    assert client.post("/dashboard/logout", data={"csrf": "forged"}).status_code == 403
    assert client.get("/dashboard/").status_code == 200
    assert client.post("/dashboard/logout", data={"csrf": csrf}).status_code == 200
    assert client.get("/dashboard/").status_code == 401


def test_signed_out_pages_and_data_answer_401(client: httpx.Client) -> None:
    assert client.get("/dashboard/").status_code == 401
    assert client.get("/dashboard/api/overview").json() == {"error": "signedout"}


def test_overview_data_of_hanoi(filled: Runtime, client: httpx.Client) -> None:
    sign_in(filled, client, SUPERVISOR)
    data = client.get("/dashboard/api/overview").json()
    assert (data["unit"], data["period"], data["expected"], data["reported"]) == (
        "01",
        "thd-2026",
        126,
        2,
    )
    assert {d["day"]: d["reports"] for d in data["daily"]}["2026-11-22"] == 1


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard/?unit=08",
        "/dashboard/overview?unit=00700",
        "/dashboard/indicators?unit=08",
        "/dashboard/api/overview?unit=08",
        "/dashboard/api/indicators?unit=VN",
        "/dashboard/indicators/export.xlsx?unit=08",
    ],
)
def test_supervisor_gets_403_outside_the_province(
    filled: Runtime, client: httpx.Client, path: str
) -> None:
    sign_in(filled, client, SUPERVISOR)
    assert client.get(path).status_code == 403


def test_officer_sees_the_commune_only(filled: Runtime, client: httpx.Client) -> None:
    sign_in(filled, client, OFFICER)
    data = client.get("/dashboard/api/overview").json()
    assert (data["unit"], data["expected"], data["reported"]) == ("00070", 1, 1)
    assert client.get("/dashboard/?unit=01").status_code == 403
    assert client.get("/dashboard/broadcasts").status_code == 403
    assert client.get("/dashboard/api/questions").status_code == 403


def test_admin_pauses_a_broadcast_after_confirming(filled: Runtime, client: httpx.Client) -> None:
    csrf = sign_in(filled, client, ADMIN)
    page = client.get("/dashboard/broadcasts?confirm=1&do=pause")
    assert "Tạm dừng tin gửi #1?" in page.text
    form = {"csrf": csrf, "id": "1", "do": "pause"}
    assert client.post("/dashboard/broadcasts/act", data={**form, "csrf": "x"}).status_code == 403
    answer = client.post("/dashboard/broadcasts/act", data=form)
    assert answer.status_code == 303
    assert client.get("/dashboard/api/broadcasts").json()[0]["status"] == "paused"


def test_supervisor_cannot_pause(filled: Runtime, client: httpx.Client) -> None:
    csrf = sign_in(filled, client, OTHER_SUPERVISOR)
    client.post("/dashboard/broadcasts/act", data={"csrf": csrf, "id": "1", "do": "pause"})
    statuses = filled.app.db.execute("select status from broadcasts").fetchall()
    assert statuses == [("sending",)]


def test_questions_are_aggregates(filled: Runtime, client: httpx.Client) -> None:
    sign_in(filled, client, ADMIN)
    data = client.get("/dashboard/api/questions").json()
    assert (data["total"], data["fallback"], data["emergencies"]) == (5, 1, 1)
    assert data["topics"][0] == {"topic": "marriage_family", "questions": 3}


def test_remind_queues_officer_reminders(filled: Runtime, client: httpx.Client) -> None:
    staff(filled, "telegram:o71", Role.OFFICER, "00073")
    csrf = sign_in(filled, client, SUPERVISOR)
    form = {"csrf": csrf, "unit": "01", "form": "thd", "period": "thd-2026"}
    answer = client.post("/dashboard/overview/remind", data=form)
    assert answer.status_code == 303
    keys = [r[0] for r in filled.app.db.execute("select key from notifications").fetchall()]
    assert any(k.startswith("remind:thd:thd-2026:00073:telegram:o71:dash:") for k in keys)


def test_cli_prints_a_link_for_staff_only(binhdang: Binhdang, tmp_path: Path) -> None:  # noqa: F811
    code = binhdang.invite("01", "supervisor")
    binhdang.chat("web:sup", f"/dangky {code}")
    printed = binhdang("admin", "dashboard-link", "--user", "web:sup")
    found = LINK.search(printed)
    assert found, printed
    assert "10 minutes" in printed
    token = found.group(0).rsplit("/", 1)[1]
    db = open_database(tmp_path / "bot.db")
    user = SqliteStore(db).get_user("web:sup")
    assert SignIns(db).redeem(token, user, NOW) is not None
    assert SignIns(db).redeem(token, user, NOW) is None
    db.close()
    code_for_citizen = cli.main(["admin", "dashboard-link", "--user", "web:nobody",
                                 "--config", binhdang.config])  # fmt: skip
    assert code_for_citizen == 2


def test_a_package_adds_a_page_for_some_roles(filled: Runtime, client: httpx.Client) -> None:
    def view(ctx: Context) -> Response:
        return ctx.render("notfound.html")

    page = Page("extra", "dash.nav.questions", frozenset({Role.ADMIN}), view, lambda ctx: [1])
    add_page(page)
    try:
        sign_in(filled, client, ADMIN)
        assert client.get("/dashboard/api/extra").json() == [1]
        assert 'href="/dashboard/extra' in client.get("/dashboard/").text
        client.cookies.clear()
        sign_in(filled, client, SUPERVISOR)
        assert client.get("/dashboard/extra").status_code == 403
        assert 'href="/dashboard/extra' not in client.get("/dashboard/").text
    finally:
        PAGES.remove(page)


def test_sign_in_tables_are_a_recorded_migration(tmp_path: Path) -> None:
    open_database(tmp_path / "m.db").close()
    db = open_database(tmp_path / "m.db")
    assert MIGRATIONS.pending(db) == []
    assert "m401_dashboard" in [m.name for m in MIGRATIONS.applied(db)]
    db.close()


def test_forgetting_a_user_deletes_their_links_and_sessions(
    filled: Runtime, client: httpx.Client
) -> None:
    sign_in(filled, client, SUPERVISOR)
    Chat(filled, SUPERVISOR).say("/bangdieukhien")
    filled.app.store.delete_user_data(SUPERVISOR)
    db = filled.app.db
    for table in ("dashboard_links", "dashboard_sessions"):
        assert (
            db.execute(f"select count(*) from {table} where urn = ?", [SUPERVISOR]).fetchone()[0]
            == 0
        )
    assert client.get("/dashboard/").status_code == 401


def test_old_links_and_idle_sessions_are_purged(
    filled: Runtime, client: httpx.Client, clock: Clock
) -> None:
    sign_in(filled, client, SUPERVISOR)
    link_path(filled, OFFICER)
    clock.now += timedelta(days=1, minutes=11)
    link_path(filled, ADMIN)
    db = filled.app.db
    assert [r[0] for r in db.execute("select urn from dashboard_links").fetchall()] == [ADMIN]
    assert db.execute("select count(*) from dashboard_sessions").fetchone()[0] == 0


def test_language_switch_and_unit_chooser(filled: Runtime, client: httpx.Client) -> None:
    csrf = sign_in(filled, client, SUPERVISOR)
    page = client.get("/dashboard/indicators").text
    assert '<option value="00070">Phường Hoàn Kiếm</option>' in page
    assert '<option value="00700"' not in page
    answer = client.post(
        "/dashboard/lang", data={"csrf": csrf, "locale": "en", "back": "/dashboard/indicators"}
    )
    assert answer.headers["location"] == "/dashboard/indicators"
    english = client.get("/dashboard/indicators").text
    assert "Indicator totals" in english
    assert "Session attendance" in english or "Sessions" in english


def test_poll_results_match_the_chat_and_hide_small_cells(
    filled: Runtime, client: httpx.Client
) -> None:
    poll = Polls(filled.app.db).by_key("thang-hanh-dong-2026-duong-day-nong")
    assert poll is not None
    for n in range(7):
        Chat(filled, f"zalo:p{n}").press_payload(f"poll:{poll.id}:{1 if n < 5 else 3}")
    sign_in(filled, client, SUPERVISOR)
    data = client.get(f"/dashboard/api/polls?poll={poll.id}").json()
    published = suppressed_results(filled.app, poll.id, "vi")
    assert published is not None
    assert data["overall"]["cells"] == list(published.overall.cells)
    assert "< 5" in data["overall"]["cells"]
    page = client.get(f"/dashboard/polls?poll={poll.id}")
    assert published.question in page.text
    book = load_workbook(
        io.BytesIO(client.get(f"/dashboard/polls/export.xlsx?poll={poll.id}").content)
    )
    assert any("< 5" in row for row in book.active.iter_rows(values_only=True))


def test_officers_do_not_see_poll_results(filled: Runtime, client: httpx.Client) -> None:
    sign_in(filled, client, OFFICER)
    assert client.get("/dashboard/polls").status_code == 403
    assert client.get("/dashboard/api/polls").status_code == 403


def test_a_supervisor_creates_a_poll_for_their_province_only(
    filled: Runtime, client: httpx.Client
) -> None:
    csrf = sign_in(filled, client, SUPERVISOR)
    form = {
        "csrf": csrf,
        "key": "ha-noi-thu",
        "question": "Bạn đã biết số 1900 969 680 chưa?",
        "options": "Đã biết\nChưa biết",
        "opens": "2026-12-05 09:00",
        "closes": "2026-12-10 21:00",
        "province": "79",  # not theirs: ignored
    }
    answer = client.post("/dashboard/polls/create", data=form)
    assert answer.status_code == 200
    assert "Đã tạo khảo sát" in answer.text
    poll = Polls(filled.app.db).by_key("ha-noi-thu")
    assert poll is not None
    assert poll.audience.provinces == ("01",)
    sent = filled.app.db.execute("select status from broadcasts where key = 'poll:ha-noi-thu'")
    assert sent.fetchall() == [("scheduled",)]


def test_a_bad_poll_form_shows_what_is_wrong(filled: Runtime, client: httpx.Client) -> None:
    csrf = sign_in(filled, client, ADMIN)
    form = {"csrf": csrf, "key": "x", "question": "?", "options": "chỉ một", "opens": "mai"}
    answer = client.post("/dashboard/polls/create", data=form)
    assert answer.status_code == 200
    assert 'role="alert"' in answer.text
    assert Polls(filled.app.db).by_key("x") is None
    forged = client.post("/dashboard/polls/create", data={**form, "csrf": "forged"})
    assert forged.status_code == 403


def test_a_form_over_the_limit_is_refused_unread(filled: Runtime, client: httpx.Client) -> None:
    csrf = sign_in(filled, client, ADMIN)

    def chunks() -> Iterator[bytes]:
        yield f"csrf={csrf}&key=big&question=".encode()
        for _ in range(64):
            yield b"x" * 1024

    headers = {"content-type": "application/x-www-form-urlencoded"}
    answer = client.post("/dashboard/polls/create", content=chunks(), headers=headers)
    assert answer.status_code == 403
    assert Polls(filled.app.db).by_key("big") is None


def test_every_dashboard_answer_carries_the_guard_headers(
    filled: Runtime, client: httpx.Client
) -> None:
    """One mechanism (webguard.SecurityHeaders) for pages, data, redirects, errors and files."""
    signed_out = client.get("/dashboard/api/overview")
    sign_in(filled, client, SUPERVISOR)
    answers = [
        signed_out,
        client.get("/dashboard/"),
        client.get("/dashboard/api/overview"),
        client.get("/dashboard/static/dashboard.css"),
        client.get("/dashboard/no-such-page"),
        client.post(link_path(filled, ADMIN)),
    ]
    for answer in answers:
        headers = answer.headers
        assert headers["cache-control"] == "no-store", answer.url
        assert "form-action 'self'" in headers["content-security-policy"], answer.url
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
