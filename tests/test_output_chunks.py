"""A big cleaned text is written a piece at a time: the pieces are exactly to_bytes's bytes."""
from __future__ import annotations

import re
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core import document
from cleanup.core.document import Document
from cleanup.core.errors import InputError

ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "cp1252"]
texts = st.text(alphabet=st.sampled_from(list("ab \n\r") + ["é", "€", "Ж", "😀", "\ufeff"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=texts, encoding=st.sampled_from(ENCODINGS), bom=st.booleans(), newline=st.sampled_from(["\n", "\r\n"]),
       chunk=st.integers(1, 7))
def test_the_pieces_join_to_the_bytes_to_bytes_gives(text, encoding, bom, newline, chunk):
    doc = Document(text, "t.txt", encoding, bom, newline)
    try:
        whole = doc.to_bytes()
    except InputError as err:  # (cp1252 cannot hold every character: the same error, before any piece)
        with patch.object(document, "OUTPUT_CHUNK", chunk), pytest.raises(InputError, match=re.escape(str(err))):
            doc.to_chunks()
        return
    with patch.object(document, "OUTPUT_CHUNK", chunk):
        assert b"".join(doc.to_chunks()) == whole


def test_a_lone_surrogate_fails_before_any_piece_is_made():
    doc = Document("fine text " * 10 + "\ud800" + " more", "t.txt")
    with patch.object(document, "OUTPUT_CHUNK", 4), pytest.raises(InputError, match="cannot encode"):
        doc.to_chunks()


def test_a_big_texts_pieces_are_small():
    doc = Document("word " * 100_000, "t.txt", "utf-8")
    with patch.object(document, "OUTPUT_CHUNK", 1000):
        pieces = list(doc.to_chunks())
    assert len(pieces) > 400 and max(map(len, pieces)) <= 4000
