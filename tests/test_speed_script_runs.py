"""The script stage's two looks at C speed give what the `regex` properties give over every character:

- latin_share counts ASCII letters at bytes speed and reads only the rest with the properties;
- a run of a listed script is tried only where `re` finds a character one may start with,
  and the runs found are the run pattern's finditer over the whole text.
"""
from __future__ import annotations

from unittest import mock

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.rulebook.loading import load_rulebook
from cleanup.stages.mt import script
from cleanup.stages.registry import build_kind

STAGE = build_kind("script", load_rulebook())[0]

PIECES = ["a", "Z", "é", "ß", "ǅ", "ª", "º", " ", "1", "_", "-", ".", ",", "\u0301", "\u0363", "ʼ", "ˈ", "ɐ",
          "Ω", "\u2126", "α", "Ж", "ё", "中", "文", "、", "。", "ー", "・", "カ", "ひ", "한", "ש", "ب", "٣", "々",
          "\u3000", "（", "）", "²", "Ⅻ", "😀", "\ud800", "\n", "’", "“", "…", "ﬁ", "Ａ", "ｶ"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
_LETTER, _LATIN = regex.compile(r"\p{L}"), regex.compile(r"\p{Latin}")


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_latin_share_is_the_share_of_latin_letters_among_letters(text):
    letters = len(_LETTER.findall(text))
    assert script.latin_share(text) == (len(_LATIN.findall(text)) / letters if letters else 1.0)


@settings(max_examples=2000, deadline=None)
@given(TEXTS, st.sampled_from([script.DENSE_MISSES, 0]))
def test_runs_tried_at_their_possible_starts_are_the_whole_texts_runs(text, dense_misses):
    for scripts, pattern in STAGE.runs.items():
        with mock.patch.object(script, "DENSE_MISSES", dense_misses):  # 0: the regex's scan after one miss
            found = [m.span() for m in script._matches_from(text, pattern, STAGE._run_starts(scripts))]
        assert found == [m.span() for m in pattern.finditer(text)]


def test_every_character_a_run_may_start_with_is_a_start():
    every_char = "".join(map(chr, range(0x110000)))
    for scripts in STAGE.runs:
        letter, starts = regex.compile(script._run_letter(scripts)), STAGE._run_starts(scripts)
        assert all(starts.match(m.group()) for m in letter.finditer(every_char))
