"""remove-line on a one-line text (issue 15: the cost per call): a line that opens as no rule can, with no
rule left out of the combination, is the whole answer: nothing is proposed, and nothing kept for a later
pass, without the text's lines. The oracle walks every line with text (test_speed_boilerplate_lines), and
tries every rule alone."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages import remove_line

from .test_speed_boilerplate_lines import _proposed, _run, plain_propose
from .test_speed_lines import _one_by_one
from .test_speed_structure import BOILERPLATE, LINE_RULES, PIECES

pads = st.sampled_from(["", " ", "\t", "\r", "  ", "\u00a0"])
one_lines = st.lists(st.tuples(pads, st.sampled_from(BOILERPLATE + PIECES + ["", "\u017f", "\u212a", "\u0130"]),
                               pads), max_size=3).map(lambda parts: "".join(a + line + b for a, line, b in parts))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(one_lines, min_size=1, max_size=3))
def test_one_line_texts_as_every_line_walked(texts):
    """(A later pass gets the next text: what the last one kept is read.)"""
    assert _run(_proposed, remove_line.RemoveLineStage(LINE_RULES), texts) == \
        _run(plain_propose, remove_line.RemoveLineStage(LINE_RULES), texts)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(one_lines)
def test_one_line_texts_as_every_rule_tried_alone(text):
    assert list(remove_line.RemoveLineStage(LINE_RULES).propose(text, Context(text))) == \
        list(_one_by_one(LINE_RULES).propose(text, Context(text)))
