"""The name-consistency stage's first look (`_any_close`) skips only texts where no group of
spellings could form: compared with the stage run as if every text had a close pair.

The names include pairs close in letters that are words in their own right
(There / These, While / White, Kanata / Canada, Kermie / Kermit) and pairs the
names lexicon knows both of (Xijinping / Xi Jinping), which the first look also
sets aside, beside pairs that are real slips.
"""
from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.analysis.languages import unaccented
from cleanup.core.pipeline import Context
from cleanup.stages.mt import consistency

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "ConsistencyStage")
WORDS = ["There", "These", "While", "White", "Kanata", "Canada", "Kermie", "Kermit", "Germany", "German",
         "Sport", "Sports", "Chung", "Cheng", "Cheung", "Indians", "Indiana", "Omicron", "Omikron", "Omiquelon",
         "Anneliese", "Annelise", "Sergei", "Sergey", "Lavrov", "Zurich", "Zürich", "Kvešić", "Kwešić", "Omik Jong",
         "Mario", "Marco", "spoke", "Vladimir", "Vlademir", "Tomasz", "Tomasi", "Xijinping", "Xi Jinping",
         "Mishustin", "Mishustyn", "Mishoustin", "Lawrov", "President", "Administrator", "Administration", "Texans", "Texas"]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", ". ", "-", ", ", "\n"])),
                 max_size=12).map(lambda parts: "".join(w + s for w, s in parts))


def _proposals(text):
    return [(p.start, p.end, p.replacement, p.rule, p.message) for p in STAGE.propose(text, Context(text))]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_text_the_first_look_skips_has_no_inconsistent_names(text):
    with mock.patch.object(consistency, "_any_close", lambda *args: True):
        unscanned = _proposals(text)
    assert _proposals(text) == unscanned


def test_common_words_close_in_letters_are_skipped_and_slips_are_not():
    assert not _proposals("There and These. While and White. There.")
    assert _proposals("Omicron spread. Omikron spread. Omiquelon spread. Omicron again. Omicron too.")
    # one spelling listed and common, the other unknown; both listed but rare: slips, not two words
    assert _proposals("Vladimir said. Vladimir said. Vlademir again. Vladimir too.")
    assert _proposals("Tomasz said. Tomasz said. Tomasi again. Tomasz too.")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("aAzZéÉeE\u0301ßİıǅ -ﬁ"), max_size=12))
def test_plain_letters_as_unaccented_casefold(form):
    assert consistency._plain.__wrapped__(form) == unaccented(form.casefold())


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_names_found_by_one_scan_or_piece_by_piece(text):
    from cleanup.analysis.textview import TextView

    short = STAGE._names_in(text, TextView(text))
    with mock.patch.object(consistency, "_SCAN_UP_TO", -1):
        assert STAGE._names_in(text, TextView(text)) == short
