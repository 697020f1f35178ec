"""Vietnamese phone numbers as written in the services directory: check the shape, not the owner."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-()]")
_VALID = re.compile(
    r"^(?:"
    r"11[1-5]"  # emergency and child-protection short numbers: 111-115
    r"|1[89]00\d{4,6}"  # 1800 (free) and 1900 numbers: 1800 1233, 1900 969 680
    r"|02\d{9}"  # landline: 0 + two-digit area code 2x + 8 digits (024 3333 5599)
    r"|0[35789]\d{8}"  # mobile: 0 + 9 digits
    r")$"
)


def phone_digits(phone: str) -> str:
    """Return the phone number without spaces, dots, hyphens or brackets."""
    return _SEPARATORS.sub("", phone)


def is_valid_phone(phone: str) -> bool:
    """Return whether ``phone`` looks like a Vietnamese short, 1800/1900, fixed or mobile number."""
    return bool(_VALID.match(phone_digits(phone)))
