"""A big text's view streams its pieces a chunk at a time: the pieces it lists, and the distinct ones, are str.split()'s."""
from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis import textview
from cleanup.analysis.piece_starts import piece_starts
from cleanup.analysis.textview import TextView

# words, single and double spaces, other whitespace str.split() takes, and line ends
texts = st.lists(st.sampled_from(["ab", "c", "déf", "ab,", " ", "  ", "\u3000", "\t", "\n", "\xa0", "x\u2009y"]),
                 max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=texts, chunk=st.integers(1, 6), stream=st.integers(1, 6))
def test_pieces_read_in_chunks_are_those_of_the_whole_text(text, chunk, stream):
    with patch.object(textview, "CHUNK", chunk), patch.object(textview, "STREAM_CHUNK", stream):
        view = TextView(text)
        assert view.distinct_pieces == set(text.split())  # (made without the list)
        assert list(view.iter_pieces()) == text.split()
        assert view.pieces == text.split()
        assert list(TextView(text).iter_pieces()) == text.split()  # (from the list, once it is made)


@settings(max_examples=200, deadline=None)
@given(text=texts, chunk=st.integers(1, 6), wanted=st.sets(st.sampled_from(["ab", "c", "ab,", "déf", "x"])))
def test_wanted_pieces_are_found_where_they_stand_from_a_stream_of_pieces(text, chunk, wanted):
    with patch.object(textview, "CHUNK", chunk), patch.object(textview, "STREAM_CHUNK", chunk):
        found = list(piece_starts(text, TextView(text).iter_pieces(), wanted))
        expected = []
        at = 0
        for piece in text.split():
            at = text.index(piece, at)
            if piece in wanted:
                expected.append((piece, at))
            at += len(piece)
        assert found == expected


def test_a_big_texts_distinct_pieces_do_not_need_its_list():
    with patch.object(textview, "CHUNK", 4), patch.object(textview, "STREAM_CHUNK", 3):
        view = TextView("one two  three\none two " * 5)
        assert view.distinct_pieces == {"one", "two", "three"}
        assert "pieces" not in view.__dict__

