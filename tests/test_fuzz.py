"""Fuzzing the command line in process (issue 17): random bytes as documents, random rule
files built from a grammar of the rule-file schema, random decisions files.

Whatever comes in: the exit code is one of the documented ones (0, 1, 2, 4, 5), there is
no traceback (an exception would escape `invoke`), the input file is unchanged unless
--in-place, and `fix` run on its own output changes nothing (with the shipped rules, and
with a fuzzed rule file that `rules lint` passes: one it refuses may rewrite its own output).

CI runs few examples, derandomized (the same examples every run). scripts/fuzz.py runs
many more, with a random or given seed: `scripts/fuzz.py --examples 2000 --seed 17`.
"""
from __future__ import annotations

import itertools
import json
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import invoke

FUZZING = "CLEANUP_FUZZ_EXAMPLES" in os.environ  # set by scripts/fuzz.py
EXAMPLES = int(os.environ.get("CLEANUP_FUZZ_EXAMPLES", "15"))
EXIT_CODES = {0, 1, 2, 4, 5}
fuzz = settings(max_examples=EXAMPLES, derandomize=not FUZZING, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
_names = itertools.count()  # a fresh rule file name per example: pipelines are cached by path


# -- documents -----------------------------------------------------------------------

FRAGMENTS = ["Vladimir Putin (Vladimir Putin) held talks.", "Please read on...", "Russiaâ€™s war.",
             "They met in the the Kremlin.", "© Sergei KARPUKHIN / AFP", "Xijinping(Xi Jinping) said",
             "talks lasted fourhours", "très café Zürich", "\u00a0", "\u200b", "\x1b[2J", "\r\n", "\n", "\x00",
             "\ufeff", "\ud7ff", "😀", "«", "»"]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=10).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252", "cp1250"])


@st.composite
def documents(draw) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=200))
    return draw(texts).encode(draw(encodings), errors="ignore")


# -- rule files: the schema's shape, filled with risky values ---------------------------------

PATTERN_PIECES = ["a", "b", "colour", "(a)", "(?P<n>b)", r"\w+", r"\s", "[ab]", "[^a]", "|", "*", "+", "?",
                  "(", ")", "\\", "{2}", "(?:a|aa)+", "^", "$", ".", r"\b", "(?i)", "é"]
REPLACEMENT_PIECES = ["x", r"\1", r"\2", r"\g<n>", r"\g<1>", "\\", r"\g<1", r"\\", "é", r"\n", ""]
LEVELS = ["fix", "suggest", "flag", "oops"]


def joined(pieces, max_size=6):
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


@st.composite
def rules(draw, n: int) -> dict:
    rule = {"id": f"r{n}", "message": "m"}
    if draw(st.booleans()):
        rule["pattern"] = draw(joined(PATTERN_PIECES))
    else:
        rule["literal"] = draw(joined(["colour", "a", "b", "é", "(", "\\"], 3))
    if draw(st.integers(0, 3)):
        rule["replacement"] = draw(joined(REPLACEMENT_PIECES, 3))
    if draw(st.booleans()):
        rule["level"] = draw(st.sampled_from(LEVELS))
    if draw(st.booleans()):
        rule["ignore_case"] = draw(st.sampled_from([True, False, "yes", 1]))
    return rule


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                       max_size=3),
                           max_leaves=10)


@st.composite
def rule_files(draw) -> str:
    kind = draw(st.sampled_from(["replace", "remove-line"]))
    data = {
        "id": draw(st.sampled_from(["fuzz", "Fuzz", "", "credits"])),
        "kind": kind,
        "description": "A rule file the fuzzer wrote.",
        "rules": [draw(rules(i)) for i in range(draw(st.integers(0, 3)))],
        "examples": draw(st.lists(st.sampled_from([{"before": "a colour", "after": "a color"},
                                                   {"unchanged": "Red."}, {"flagged": "a", "spans": ["a"]},
                                                   {"before": "x"}]), max_size=3)),
    }
    for _ in range(draw(st.integers(0, 2))):  # mutations: a field dropped, retyped or added
        key = draw(st.sampled_from(["id", "kind", "description", "rules", "examples", "extra"]))
        if draw(st.booleans()):
            data.pop(key, None)
        else:
            data[key] = draw(json_values)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 5)) == 0:  # broken YAML
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["[", "{", "&a", "*a", ": :", "\t", "'"])) + text[cut:]
    return text


# -- decisions files -------------------------------------------------------------------------

decision_entries = st.fixed_dictionaries({
    "rule": st.sampled_from(["duplicated-names.name-then-name", "x", 1]),
    "start": st.one_of(st.integers(-2, 60), st.booleans(), st.none()),
    "end": st.integers(-2, 60),
    "original": st.sampled_from([" (Vladimir Putin)", "", "x"]),
    "replacement": st.sampled_from(["", "x", None]),
    "decision": st.sampled_from(["accept", "reject", "edit", "maybe"]),
}, optional={"text": st.one_of(st.text(max_size=5), st.none())})


@st.composite
def decisions_files(draw) -> str:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(json_values.map(json.dumps))
    if choice == 1:
        return draw(st.text(max_size=40))
    return json.dumps({"format": draw(st.sampled_from(["cleanup-decisions", "other"])),
                       "version": draw(st.sampled_from([1, True, 2, "1", 1.0, None])),
                       "file": "a.txt", "level": draw(st.sampled_from(["fix", "suggest", "x"])),
                       "decisions": draw(st.lists(decision_entries, max_size=4))})


# -- the properties ----------------------------------------------------------------------------

@contextmanager
def scratch():
    """A fresh folder per example (pytest's tmp_path is one per test, shared by its examples)."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def run(folder: Path, *args):
    r = invoke(*args, cwd=folder)
    assert r.returncode in EXIT_CODES, (args, r.returncode, r.stderr)
    assert b"Traceback" not in r.stderr
    return r


def fixed_twice_is_fixed_once(folder: Path, first, *options) -> None:
    """`fix` (with `options`) on the output of `first` gives it back unchanged, read in the
    encoding the first run read. (A guessed encoding is a guess about those bytes: once
    cleaning removed a control character, other bytes can make another guess likelier.)"""
    if first.returncode != 0 or not first.stdout.strip():
        return
    guessed = re.search(r"read as (\S+) \(detected", first.stderr.decode())
    if guessed:
        options += ("--encoding", guessed.group(1))
    (folder / "once.txt").write_bytes(first.stdout)
    second = run(folder, "fix", "-q", *options, "once.txt")
    assert second.returncode == 0 and second.stdout == first.stdout


@pytest.mark.slow
@fuzz
@given(documents())
def test_random_documents(data):
    with scratch() as folder:
        (folder / "a.txt").write_bytes(data)
        for command in (["check"], ["diff"], ["diff", "--format", "unified"], ["fix"]):
            last = run(folder, *command, "a.txt")
            assert (folder / "a.txt").read_bytes() == data, command
        fixed_twice_is_fixed_once(folder, last)
        in_place = run(folder, "fix", "-q", "--in-place", "a.txt")
        if in_place.returncode == 0 and last.returncode == 0:
            assert (folder / "a.txt").read_bytes() == last.stdout


@pytest.mark.slow
@fuzz
@given(rule_files(), texts)
def test_random_rule_files(rule_text, text):
    with scratch() as folder:
        name = f"fuzz{next(_names)}.yaml"
        (folder / name).write_text(rule_text, encoding="utf-8")
        data = (text or "A colour.").encode("utf-8", errors="replace")
        (folder / "a.txt").write_bytes(data)
        first = run(folder, "fix", "-q", "-r", name, "a.txt")
        assert (folder / "a.txt").read_bytes() == data
        lint = run(folder, "rules", "lint", name)
        # a rule lint refuses may rewrite its own output ('dollar' -> 'dollars'): no fixed point
        if lint.returncode == 0:
            fixed_twice_is_fixed_once(folder, first, "-r", name)


@pytest.mark.slow
@fuzz
@given(decisions_files())
def test_random_decisions_files(text):
    with scratch() as folder:
        article = b"Vladimir Putin (Vladimir Putin) held talks.\n"
        (folder / "a.txt").write_bytes(article)
        (folder / "d.json").write_text(text, encoding="utf-8")
        run(folder, "apply", "a.txt", "--decisions", "d.json")
        assert (folder / "a.txt").read_bytes() == article
