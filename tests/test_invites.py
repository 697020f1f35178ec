"""Invite codes: random, hashed at rest, single-use unless stated, expiring, throttled."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlite_utils import Database

from bot.core.records import Role
from bot.core.units import Units, official_units
from bot.reports.invites import (
    MAX_FAILURES,
    MAX_GLOBAL_FAILURES,
    MAX_ORIGIN_FAILURES,
    Invite,
    Invites,
    Refusal,
    display_code,
    may_invite,
    normalize_code,
    pairing_problem,
)
from bot.reports.registration import find_units
from bot.storage.database import open_database
from bot.storage.units import load_units
from tests.conftest import NOW


@pytest.fixture
def db() -> Iterator[Database]:
    database = open_database(None)
    yield database
    database.close()


@pytest.fixture(scope="module")
def units() -> Units:
    return official_units()


def test_units_are_stored_as_data(db: Database) -> None:
    stored = load_units(db)
    assert len(stored.by_code) == 1 + 34 + 3321
    assert stored.get("00070") == official_units().get("00070")
    db.execute("update units set name = 'Phường Mới' where code = '00070'")
    assert load_units(db).get("00070").name == "Phường Mới"  # type: ignore[union-attr]


def test_code_is_random_hashed_and_single_use(db: Database) -> None:
    invites = Invites(db)
    code, invite = invites.create("00070", Role.OFFICER, "cli", NOW)
    other, _ = invites.create("00070", Role.OFFICER, "cli", NOW)
    assert code != other
    assert len(code) == 8
    assert code not in str(list(db.table("invites").rows))
    used = invites.redeem("web:a", display_code(code).lower(), NOW)
    assert isinstance(used, Invite)
    assert (used.unit, used.role) == ("00070", Role.OFFICER)
    assert invites.redeem("web:b", code, NOW) == Refusal("rep.reg.used_up")
    assert invite.expires_at == NOW + timedelta(days=7)


def test_several_uses_and_expiry(db: Database) -> None:
    invites = Invites(db)
    code, _ = invites.create("01", Role.SUPERVISOR, "cli", NOW, uses=2, days=1)
    assert isinstance(invites.redeem("web:a", code, NOW), Invite)
    assert isinstance(invites.redeem("web:b", code, NOW), Invite)
    assert invites.redeem("web:c", code, NOW) == Refusal("rep.reg.used_up")
    late, _ = invites.create("01", Role.SUPERVISOR, "cli", NOW, days=1)
    assert invites.redeem("web:d", late, NOW + timedelta(days=1)) == Refusal("rep.reg.expired")


def test_brute_force_is_throttled_per_user_with_the_clock(db: Database) -> None:
    invites = Invites(db)
    code, _ = invites.create("00070", Role.OFFICER, "cli", NOW)
    for i in range(MAX_FAILURES):
        assert invites.redeem("web:x", f"WRONG{i:03d}", NOW) == Refusal("rep.reg.bad_code")
    assert invites.redeem("web:x", code, NOW) == Refusal("rep.reg.throttled", 15)
    assert invites.redeem("web:x", code, NOW + timedelta(minutes=14)) == Refusal(
        "rep.reg.throttled", 1
    )
    assert isinstance(invites.redeem("web:other", code, NOW), Invite)
    second, _ = invites.create("00070", Role.OFFICER, "cli", NOW)
    assert isinstance(invites.redeem("web:x", second, NOW + timedelta(minutes=15)), Invite)


def test_throttle_does_not_store_the_user_id(db: Database) -> None:
    Invites(db).redeem("telegram:123", "nothing", NOW)
    assert "telegram:123" not in str(list(db.table("invite_attempts").rows))


@pytest.mark.parametrize(
    ("unit", "role", "problem"),
    [
        ("00070", Role.OFFICER, None),
        ("01", Role.SUPERVISOR, None),
        ("VN", Role.ADMIN, None),
        ("01", Role.OFFICER, "rep.reg.wrong_level"),
        ("00070", Role.SUPERVISOR, "rep.reg.wrong_level"),
        ("99999", Role.OFFICER, "rep.reg.no_unit"),
        ("00070", Role.CITIZEN, "rep.reg.wrong_level"),
    ],
    ids=[
        "officer-commune",
        "supervisor-province",
        "admin-nation",
        "officer-province",
        "supervisor-commune",
        "unknown-unit",
        "citizen",
    ],
)
def test_pairing(units: Units, unit: str, role: Role, problem: str | None) -> None:
    assert pairing_problem(units, unit, role) == problem


@pytest.mark.parametrize(
    ("role", "own", "target", "allowed"),
    [
        (Role.SUPERVISOR, "01", "00070", True),
        (Role.SUPERVISOR, "01", "01", False),
        (Role.SUPERVISOR, "01", "02", False),
        (Role.SUPERVISOR, "01", "00700", False),
        (Role.ADMIN, "VN", "01", True),
        (Role.ADMIN, "VN", "00070", True),
        (Role.ADMIN, "VN", "VN", False),
        (Role.OFFICER, "00070", "00070", False),
    ],
    ids=[
        "sup-own-commune",
        "sup-own-province",
        "sup-other-province",
        "sup-other-commune",
        "admin-province",
        "admin-commune",
        "admin-nation",
        "officer",
    ],
)
def test_only_below_oneself(units: Units, role: Role, own: str, target: str, allowed: bool) -> None:
    assert may_invite(units, role, own, target) == allowed


def test_find_units_by_code_or_name(units: Units) -> None:
    assert [u.code for u in find_units(units, "01", "00070")] == ["00070"]
    assert [u.code for u in find_units(units, "01", "hoan kiem")] == ["00070"]
    assert [u.code for u in find_units(units, "01", "Phường Hoàn Kiếm")] == ["00070"]
    assert find_units(units, "02", "00070") == []


def test_normalize_code() -> None:
    assert normalize_code(" k7p2-xm9q ") == "K7P2XM9Q"
    assert display_code("K7P2XM9Q") == "K7P2-XM9Q"


def test_issue14_changing_ids_does_not_bypass_the_throttle_per_address(db: Database) -> None:
    invites = Invites(db)
    code, _ = invites.create("00070", Role.OFFICER, "cli", NOW)
    for i in range(MAX_ORIGIN_FAILURES):
        urn = f"web:fresh{i}"  # a new web identity for every try, as a scripted client would
        assert invites.redeem(urn, f"WRONG{i:03d}", NOW, "ip:203.0.113.9") == Refusal(
            "rep.reg.bad_code"
        )
    assert invites.redeem("web:next", code, NOW, "ip:203.0.113.9") == Refusal(
        "rep.reg.throttled", 15
    )
    assert isinstance(invites.redeem("web:next", code, NOW, "ip:198.51.100.1"), Invite)


def test_issue14_many_addresses_hit_the_global_throttle(db: Database) -> None:
    invites = Invites(db)
    code, _ = invites.create("00070", Role.OFFICER, "cli", NOW)
    for i in range(MAX_GLOBAL_FAILURES):
        invites.redeem(f"web:b{i}", "WRONG", NOW + timedelta(seconds=i), f"ip:10.0.{i}.1")
    late = NOW + timedelta(seconds=MAX_GLOBAL_FAILURES)
    assert invites.redeem("telegram:1", code, late, None) == Refusal("rep.reg.throttled", 12)
    assert isinstance(invites.redeem("telegram:1", code, NOW + timedelta(minutes=16)), Invite)


def test_issue14_the_address_is_not_stored_in_clear(db: Database) -> None:
    Invites(db).redeem("web:a", "nothing", NOW, "ip:203.0.113.9")
    assert "203.0.113.9" not in str(list(db.table("invite_attempts").rows))
