"""At a later call on a big text, the repetition stage takes the doubled phrases of the stretches
copied from its last text (Context.copied) from its last call, moved, and searches only the rest
(doubled_again): the same proposals as the whole text's pieces at once (`propose_whole`, the
oracle), after edits anywhere, of any kind, over a few calls.

The texts are short here, so the stage reads them by lines (`_BY_LINES` 0) and a copied stretch's
untrusted tail is short (`_TAIL`).
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages.mt import doubled_again, repetition
from tests.test_speed_mt_doubled import lines
from tests.test_speed_repetition_lines import STAGE, oracle

ADDED = ["", " ", "x", "\n", ", ", " or ", "gift, gift", "New Year's gift or New Year's gift",
         "a black tea, a black tea", "Thank you Thank you Thank you ", "x" * 300 + ", x", "-" * 300 + "gift, gift"]


@st.composite
def edits(draw, length):
    """Sorted, non-overlapping (start, end, replacement) edits of a text of `length`."""
    points = sorted(draw(st.lists(st.integers(0, length), min_size=1, max_size=8)))
    out, last_end = [], -1
    for a, b in zip(points[::2], points[1::2] or [points[-1]]):
        if a <= last_end:
            continue
        out.append((a, min(b, a + 40), draw(st.sampled_from(ADDED))))
        last_end = out[-1][1]
    return out


def edited_run(data, text: str, calls: int) -> list:
    """[(text, None), (text after drawn edits, those edits as the pipeline records them), ...]."""
    run = [(text, None)]
    for _ in range(calls):
        changes = data.draw(edits(len(text)))
        pieces, at = [], 0
        for a, b, added in changes:
            pieces += [text[at:a], added]
            at = b
        text = "".join(pieces) + text[at:]
        run.append((text, [(a, b, len(added)) for a, b, added in changes]))
    return run


def calls_in_run(stage, texts_and_changes) -> list:
    """The stage's proposals at each call of one run ((text, the changes applied since the last call or
    None) each), the pipeline's bookkeeping done by hand."""
    ctx, out = Context(texts_and_changes[0][0]), []
    for text, changes in texts_and_changes:
        if changes is not None:
            ctx._steps.append(changes)
        out.append(list(stage.propose(text, ctx)))
        ctx._called(stage, text)
    return out


def _calls(texts_and_changes, tail):
    saved = repetition._BY_LINES, doubled_again._TAIL
    repetition._BY_LINES, doubled_again._TAIL = 0, tail
    try:
        return calls_in_run(STAGE, texts_and_changes)
    finally:
        repetition._BY_LINES, doubled_again._TAIL = saved


@settings(max_examples=300, deadline=None)
@given(st.lists(lines(), min_size=3, max_size=40), st.booleans(), st.integers(1, 3), st.integers(0, 60), st.data())
def test_later_calls_find_what_the_whole_text_way_does(blocks, one_line, calls, more_tail, data):
    text = (" " if one_line else "\n").join(blocks)
    if one_line:
        text = text.replace("\n", " ")
    run = edited_run(data, text, calls)
    found = _calls(run, doubled_again._REACH + 1 + more_tail)
    assert found == [oracle(t) for t, _ in run]


def test_a_big_line_edited_near_a_doubled_phrase():
    plain = " ".join(f"Sentence {i} says something plain, and then it stops." for i in range(3000))
    text = plain + " They sent a New Year's gift or New Year's gift to the office. " + plain
    at = text.index("gift or") - 30
    again = text[:at] + "A black tea, a black tea. " + text[at:]
    ctx = Context(text)
    first = list(STAGE.propose(text, ctx))
    ctx._called(STAGE, text)
    ctx._steps.append([(at, at, len("A black tea, a black tea. "))])
    parts = doubled_again.trusted(again, ctx.copied(STAGE), STAGE.doubled[0].spoken)
    assert parts and sum(e - s for s, e, _ in parts) > 0.9 * len(again)  # (the carried way is taken)
    assert first == oracle(text) and len(first) == 1
    second = list(STAGE.propose(again, ctx))
    assert second == oracle(again) and len(second) == 2
