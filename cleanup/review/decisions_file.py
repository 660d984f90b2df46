"""Decisions files: a reviewer's verdicts, saved as JSON for `cleanup apply`.

    {"format": "cleanup-decisions", "version": 1, "file": "article.txt", "level": "fix",
     "decisions": [
      {"rule": "words.run-on", "start": 58, "end": 67, "original": "fourhours",
       "replacement": "four hours", "decision": "edit", "text": "four full hours"}]}

A decision names its edit by the edit key: rule id, span and text in the
ORIGINAL document, and the proposed replacement. Nothing in it depends on
rule order, other rule files or message wording, so the same file still
applies after the document is re-run or new rules are added. `level` is the
default the review left undecided edits at (see docs/review.md).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Mapping

from ..core.edits import EditKey, Level
from ..core.errors import CleanupError
from ..core.files import read_text_bounded, write_atomic

FORMAT = "cleanup-decisions"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024  # a decision is a line: this is hundreds of thousands of them
KEY_FIELDS = EditKey._fields  # the JSON fields of a decision that name its edit


class Verdict(str, Enum):
    ACCEPT = "accept"
    REJECT = "reject"
    EDIT = "edit"  # accepted with a replacement the reviewer typed


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    text: str | None = None  # the typed replacement, for EDIT


@dataclass(frozen=True)
class SavedDecisions:
    file: str
    level: Level
    decisions: dict  # Edit.key -> Decision


def dumps(decisions: Mapping[tuple, Decision], *, file: str, level: Level) -> str:
    """The JSON text: one decision per line, by position, so files diff well."""
    entries = []
    keyed = ((EditKey(*key), d) for key, d in decisions.items())
    for key, d in sorted(keyed, key=lambda kv: (kv[0].start, kv[0].end, kv[0].rule)):
        entry = {**key._asdict(), "decision": d.verdict.value}
        if d.verdict is Verdict.EDIT:
            entry["text"] = d.text
        entries.append(json.dumps(entry, ensure_ascii=False))
    head = json.dumps({"format": FORMAT, "version": VERSION, "file": file, "level": level.value},
                      ensure_ascii=False)[:-1]
    return head + ', "decisions": [' + ",".join("\n " + e for e in entries) + ("\n" if entries else "") + "]}\n"


def save(path: str | Path, decisions: Mapping[tuple, Decision], *, file: str, level: Level) -> None:
    write_atomic(path, dumps(decisions, file=file, level=level).encode("utf-8"))


def load(path: str | Path) -> SavedDecisions:
    if not Path(path).exists():
        raise CleanupError(f"{path}: no such decisions file")
    try:
        data = json.loads(read_text_bounded(path, MAX_BYTES, "decisions file"))
    except UnicodeDecodeError as err:
        raise CleanupError(f"{path}: not UTF-8 (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise CleanupError(f"{path}: not JSON (line {err.lineno}: {err.msg})") from None
    except RecursionError:  # 100,000 '[': the JSON parser recurses once per level
        raise CleanupError(f"{path}: nested too deeply to be a decisions file") from None
    return parse(data, str(path))


def parse(data, where: str) -> SavedDecisions:
    def bad(message: str) -> CleanupError:
        return CleanupError(f"{where}: {message}")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad(f"not a decisions file (no \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if isinstance(version, bool) or version != VERSION:  # (True == 1 in Python)
        raise bad(f"decisions file version {json.dumps(version)}; this cleanup reads version {VERSION}")
    level = data.get("level", Level.FIX.value)
    if level not in (Level.FIX.value, Level.SUGGEST.value):
        raise bad(f"level should be 'fix' or 'suggest', not {level!r}")
    if not isinstance(data.get("decisions"), list):
        raise bad('"decisions" should be a list')
    decisions = {}
    for n, entry in enumerate(data["decisions"], 1):
        key, decision = _entry(entry, lambda m: bad(f"decision {n}: {m}"))
        earlier = decisions.get(key)
        if earlier is not None and earlier != decision:
            raise bad(f"decision {n}: contradicts an earlier decision on the same edit ({key.rule} at "
                      f"{key.start}-{key.end}: {earlier.verdict.value} and {decision.verdict.value}); keep one")
        decisions[key] = decision
    return SavedDecisions(str(data.get("file", "")), Level(level), decisions)


def _entry(entry, bad) -> tuple[EditKey, Decision]:
    if not isinstance(entry, dict):
        raise bad("should be an object")
    missing = [f for f in (*KEY_FIELDS, "decision") if f not in entry]
    if missing:
        raise bad(f"no {missing[0]!r}")
    rule, start, end, original, replacement = (entry[f] for f in KEY_FIELDS)
    if not all(isinstance(v, str) for v in (rule, original, replacement)):
        raise bad("rule, original and replacement should be strings")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) or not 0 <= start <= end:
        raise bad("start and end should be offsets with 0 <= start <= end")
    if end - start != len(original):
        raise bad(f"original is {len(original)} characters but the span {start}-{end} is {end - start}")
    try:
        verdict = Verdict(entry["decision"])
    except ValueError:
        raise bad(f"decision should be accept, reject or edit, not {entry['decision']!r}") from None
    text = entry.get("text")
    if verdict is Verdict.EDIT and not isinstance(text, str):
        raise bad('an "edit" decision needs the typed replacement as "text"')
    typed = text if verdict is Verdict.EDIT else None
    return EditKey(rule, start, end, original, replacement), Decision(verdict, typed)
