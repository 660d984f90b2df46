"""The library API: clean() is pure, and its pieces pickle for workers and Dask."""
from __future__ import annotations

import pickle

from cleanup import Level, clean, get_pipeline


def test_clean_is_pure_and_results_pickle():
    text = "Vladimir Poutinsaid it.  \u00a9 AFP\n"
    first, second = clean(text), clean(text)
    assert first == second
    again = pickle.loads(pickle.dumps(first))
    assert again.text == first.text == "Vladimir Putin said it.\n"
    assert [e.key for e in again.edits] == [e.key for e in first.edits]


def test_the_default_pipeline_pickles_and_still_works():
    pipeline = pickle.loads(pickle.dumps(get_pipeline(())))
    text = "Talks lasted fourhours with President Xijinping."
    assert pipeline.run(text).text == clean(text).text
    assert clean(text, level=Level.SUGGEST).text == "Talks lasted four hours with President Xi Jinping."


def test_an_edit_with_nothing_to_apply_is_a_flag_and_a_flag_has_nothing_to_apply():
    """One contract for every command: replacement None <=> level flag (a stage that says otherwise is
    held to it), so fix, check, batch and review count it the same way."""
    from cleanup.core.edits import Proposal
    from cleanup.core.pipeline import Pipeline

    class Careless:
        name = "careless"

        def propose(self, text, ctx):
            yield Proposal(0, 3, None, "careless.no-replacement", "m", Level.SUGGEST)
            yield Proposal(4, 9, "QUICK", "careless.flag-with-text", "m", Level.FLAG)

    result = Pipeline([Careless()]).run("The quick fox.")
    assert result.text == "The quick fox."
    assert {(e.rule, e.level, e.replacement) for e in result.edits} == {
        ("careless.no-replacement", Level.FLAG, None), ("careless.flag-with-text", Level.FLAG, None)}
