"""The structure stage's first looks (issue 15) rule out only texts and lines where nothing can be found.

Each cheap look is compared with what it stands in for, on texts built from
what makes them hard: letters alike ignoring case in ways lowercasing does
not show (the Kelvin sign, the long s, dotted and dotless i, final sigma),
combining marks, curly quotes, tabs, lines ending alike, site words.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import structure
from cleanup.stages.registry import configure

PIECES = ["the", "The", "THE", "the", "had", "in", "In", "\u212aelvin", "kelvin", "\u017fo", "so", "\u0130s", "is",
          "\u0131s", "\u03a3\u03b1\u03c2", "\u03c3\u03b1\u03c3", "cafe\u0301", "caf\u00e9", "CAF\u00c9", "\u00c9t\u00e9",
          "x", "-", "'", "\u2019", "\u201c", "\u201d", ".", ",", "(", ")", "!", "\u2026", "1", "_", "News", "Xinhua",
          "Daily", "edition", "online", ".com", "\u2013", "|", ":", "\u65b0\u95fb", "Duran"]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", "\n\n", "", " - ", " | "]

texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))


HEADLINE = "Prime minister visits the new car factory"
LINES = [HEADLINE, HEADLINE.lower(), HEADLINE.replace(" ", "  "), f"BREAKING {HEADLINE}", f"Video Live {HEADLINE}",
         f"{HEADLINE}.", "Photo", "Read more", "Read more", "He said the the end. He said the the end.",
         "At the same time, men prefer to buy only jackets. At the same time, men prefer to buy only jackets.",
         "At the same time, men prefer to buy only jackets.", "Xi met Biden in Beijing on Monday - Xinhua",
         "A quiet day in the city of Tokyo | The Saga Shimbun News", "Markets rose on Monday: Reuters", "", "  "]
documents = st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(["\n", "\n\n"])), max_size=12).map(
    lambda parts: "".join(line + end for line, end in parts))

RULES = [configure(r) for r in load_rulebook().rules("structure")]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_a_repeated_word_is_never_ruled_out(text):
    if structure._REPEAT.search(text):
        assert structure._may_repeat(Context(text).view(text))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts, documents))
def test_the_stage_finds_the_same_without_its_first_looks(text):
    expected = list(structure.StructureStage(RULES).propose(text, Context(text)))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(structure, "_may_repeat", lambda view: True)
        m.setattr(structure._Scan, "lines_may_match", True)
        slow = structure.StructureStage(RULES)
        for check in slow.other_checks:
            if isinstance(check, structure.SiteNames):
                check.tails.no_site_end = frozenset()
        assert list(slow.propose(text, Context(text))) == expected


@pytest.mark.parametrize("text", [
    "He said the the end.", "The the end", "\u212aelvin kelvin", "\u017fo so", "\u0130s is", "\u03a3\u03b1\u03c2 \u03c3\u03b1\u03c3",
    "caf\u00e9 CAF\u00c9", "\u201cthe the\u201d", "in\n\nin", "the\tthe", "the, the", "Xi said - Xinhua",
])
def test_tricky_repeats(text):
    view = Context(text).view(text)
    if structure._REPEAT.search(text):
        assert structure._may_repeat(view)
