"""The unicode stage's first look (stages/ftfy_reach.py) never skips a segment ftfy would change.

- The windows' bounds are derived from ftfy's own badness pattern: a match's first
  character beyond ASCII lies within BADNESS_LEAD of its start, no match is longer than
  BADNESS_LONGEST, and no lookaround or anchor but '^' makes a window's edges matter.
- looks_bad equals ftfy's is_bad, and a segment the look passes over comes back from
  fix_and_explain unchanged, on text dense with the characters ftfy's pattern is made of.
"""
from __future__ import annotations

import re

import ftfy
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.stages.ftfy_reach import (
    BADNESS_LEAD,
    BADNESS_LONGEST,
    ftfy_may_change,
    looks_bad,
    looks_bad_in_windows,
)
from cleanup.stages.unicode import FTFY_DEFAULTS

_parser, _c = re._parser, re._constants


def _beyond_ascii_only(op, av) -> bool:
    if op is _c.LITERAL:
        return av >= 0x80
    if op is _c.IN:
        return all((kind is _c.LITERAL and value >= 0x80) or (kind is _c.RANGE and value[0] >= 0x80)
                   for kind, value in av)
    return False


def _lead(items) -> int | None:
    """The largest offset from a match's start of its first item that matches only beyond ASCII."""
    offset = 0
    for op, av in items:
        if op in (_c.LITERAL, _c.IN, _c.NOT_LITERAL, _c.ANY):
            if _beyond_ascii_only(op, av):
                return offset
            offset += 1
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            offset += av[1] * av[2].getwidth()[1]
        elif op is _c.BRANCH:
            leads = [_lead(branch.data) for branch in av[1]]
            if None in leads:
                return None
            return offset + max(leads)
        elif op is _c.SUBPATTERN:
            inner = _lead(av[3].data)
            if inner is not None:
                return offset + inner
            offset += av[3].getwidth()[1]
        elif op is _c.AT and av is _c.AT_BEGINNING:
            pass
        else:
            raise AssertionError(f"the first look does not know {op} (a lookaround or anchor?)")
    return None


def test_the_windows_bounds_hold_for_ftfys_badness_pattern():
    parsed = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= BADNESS_LONGEST
    assert _lead(parsed.data) is not None and _lead(parsed.data) <= BADNESS_LEAD


def _category_chars() -> str:
    chars = []
    for spec in MOJIBAKE_CATEGORIES.values():
        chars += [ch for ch in re.sub(r".-.", "", spec)]
        chars += [chr(c) for m in re.finditer(r"(.)-(.)", spec) for c in range(ord(m[1]), ord(m[2]) + 1)]
    return "".join(sorted(set(chars)))


# every character ftfy's pattern names (its categories and its literals), with plain ASCII and spaces
PATTERN_CHARS = _category_chars() + "ÂÃÎÐ€œŠš¢£Ÿž\xa0\xad®©°·»–—´×²³ØÙŸŠ®°µ»à¹¼½¾√±∂†≠™≤≥¥ø≈‚Äìîïòôúùûπâóäêв" \
                                    "ЂВГРСўΒΓΞΟβΆā"
ascii_run = st.text(alphabet="abcXYZ .,?!'\"-0123\t\n", max_size=6)
odd_run = st.text(alphabet=PATTERN_CHARS + "\u2028\u3000\x1b\x07\x7f\ufeff\u206a\ufffc\ud800é\u0301Ω日本",
                   min_size=1, max_size=4)
mojibake = st.builds(lambda s, enc: s.encode("utf-8").decode(enc, errors="replace"),
                     st.sampled_from(["café", "Russia’s", "naïve", "“hi”", "—", "São", "Ω", "€5", "日本", "©",
                                      "\u00a0", "…", "à la", "Ã ", "ё"]),
                     st.sampled_from(["latin-1", "windows-1252", "cp437", "macroman", "windows-1251",
                                      "windows-1253", "windows-1257"]))
segments = st.lists(st.one_of(ascii_run, ascii_run, odd_run, mojibake, st.sampled_from(["&amp;", "&", "<b>"])),
                    max_size=24).map("".join)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(segments)
def test_looks_bad_is_ftfys_is_bad(segment):
    assert looks_bad(segment) == is_bad(segment)
    assert looks_bad_in_windows(segment) == is_bad(segment)  # (looks_bad reads dense text whole)


_CONFIGS = [{}, {"max_decode_length": 5}, {"unescape_html": False}, {"normalization": "NFKC"},
            {"normalization": None}, {"fix_encoding": False}, {"fix_c1_controls": False},
            {"remove_control_chars": False}, {"uncurl_quotes": True}, {"fix_latin_ligatures": True}]


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(segments, st.sampled_from(_CONFIGS))
def test_a_segment_passed_over_is_one_ftfy_leaves_unchanged(segment, options):
    config = ftfy.TextFixerConfig(**{**FTFY_DEFAULTS, **options})
    if not ftfy_may_change(segment, config):
        assert ftfy.fix_and_explain(segment, config).text == segment


def test_the_look_passes_over_clean_accented_prose_and_not_over_mojibake():
    config = ftfy.TextFixerConfig(**FTFY_DEFAULTS)
    assert not ftfy_may_change("The café in Zürich served crème brûlée to Łódź’s “guests”.\n", config)
    assert ftfy_may_change("Russiaâ€™s war\n", config)
    assert ftfy_may_change("Tom &amp; Jerry\n", config)
    assert ftfy_may_change("e\u0301\n", config)  # not NFC
