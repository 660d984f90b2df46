"""A plain ASCII word is read as one token without the token pattern (repetition._words_of): the
same words, and so the same marks, as the pattern gives."""
from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.stages.mt import repetition


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + "'’-,.é_ ", min_size=1, max_size=12)
       | st.text(min_size=1, max_size=6))
def test_a_pieces_words_are_the_patterns(piece):
    repetition._words.cache_clear()
    assert repetition._words_of(piece) == repetition._words(piece)
    assert repetition._marks(piece) == bytes(hash(w) & 0xFF for w in repetition._words(piece))
