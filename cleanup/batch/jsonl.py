"""One JSON Lines record, read and written back changing nothing but what was cleaned.

Python's json keeps only the last of two equal keys, without a word, and
turns a number a float cannot hold (1e400) into Infinity, which is not
JSON. Here a record with a repeated key is refused, and every number is
kept as the text it was written with (1e400, 1.50, a 5,000-digit integer).
"""
from __future__ import annotations

import json
import re
import secrets

from ..core.errors import CleanupError


class RawNumber:
    """A number as written in the record, written back as it was."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def loads(text: str) -> dict:
    """The record; CleanupError for a repeated key (json.JSONDecodeError for bad JSON)."""
    return json.loads(text, object_pairs_hook=_refuse_repeats, parse_float=RawNumber, parse_int=RawNumber,
                      parse_constant=RawNumber)


def _refuse_repeats(pairs: list) -> dict:
    record = dict(pairs)
    if len(record) < len(pairs):
        seen = set()
        repeated = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise CleanupError(f"the key {repeated!r} appears twice in one object; which one is meant?")
    return record


_TOKEN = f"\x00cleanup-number-{secrets.token_hex(8)}-"  # a string no record holds: JSON escapes \x00


def dumps(record: dict, *, ensure_ascii: bool = False) -> str:
    """The record as one line of JSON, numbers as they were read."""
    numbers: list[str] = []

    def number(value):
        if isinstance(value, RawNumber):
            numbers.append(value.text)
            return f"{_TOKEN}{len(numbers) - 1}"
        raise TypeError(f"{type(value).__name__} is not JSON")

    line = json.dumps(record, ensure_ascii=ensure_ascii, separators=(",", ":"), default=number)
    if not numbers:
        return line
    placeholder = re.compile(re.escape(json.dumps(_TOKEN)[:-1]) + r'(\d+)"')
    return placeholder.sub(lambda m: numbers[int(m.group(1))], line)
