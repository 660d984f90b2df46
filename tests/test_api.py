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
