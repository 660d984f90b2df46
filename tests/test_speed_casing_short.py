"""The casing stage's cost per call on short texts (issue 15): each detector first asks one question a
text that can give it nothing answers no to (after-mark: a verb of its list among the capitalised words,
or "; "; in-name and lowercase-name: a capitalised word of their kind; quote-start: a quotation mark;
fixed-case and lowercase-language: a word of their lists among the text's runs of letters), an ASCII text
has no characters beyond ASCII to list, and propose gives a list. Here the stage must report what a scan
of every word reports (tests/test_speed_casing.py's `slow`), proposal for proposal and in order, on short
texts made around those questions: the marks each looks for with and without what must follow them,
and some longer texts.
"""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages.mt import casing
from tests.test_speed_casing import PIECES, STAGE, TEXTS, slow

NEAR = [  # what a detector's first question finds, with and without what it must find next
    "; ", ";", ", ", ",", ": ", '"', "\u201c", '"we', "\u201cwe", ': "', ", \u201c", " of ", "of", "Ministry",
    "Institute of", "Summarize", "Calmly", "The", "covid", "covid-19", "nato", "\u017fars", "russian", "english",
    "chinese", "Chinese", "baoul\u00e9", "Zorvex", "zorvex", "the", "airport", "caf\u00e9", "\u00a0", "\U0001f600",
    "said", "and", "x", "\n",
]
SHORT = st.lists(st.tuples(st.sampled_from(NEAR + PIECES), st.sampled_from(["", " ", " ", ", ", "\n"])),
                 max_size=8).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(SHORT | TEXTS | st.text(alphabet='aZ ,;:"\u201c\u00e9\u017f', max_size=12))
@example('He said: \u201cwe will rebuild every school in the region."')
@example("Prices held steady; The central bank kept its rate.")
@example("the russian army, the National Institute of infectious diseases")
def test_a_short_text_gives_what_every_word_gives(text):
    proposals = STAGE.propose(text, Context(text))
    assert isinstance(proposals, list)
    assert proposals == [p for rule, _ in STAGE.rules for p in slow(text, rule)]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(SHORT)
def test_an_ascii_text_lists_nothing_beyond_ascii(text):
    scan = casing._Scan(text, STAGE)
    assert set(scan.non_ascii) == {c for c in text if not c.isascii()}
    assert scan.bmp == (max(text, default="") <= "\uffff")
