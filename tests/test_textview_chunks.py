"""A big text's view is split a chunk at a time (memory): the lists are the same as splitting
the text whole, whatever falls at a cut."""
import random

import pytest

from cleanup.analysis import textview
from cleanup.analysis.textview import TextView
from cleanup.analysis.tokens import LETTER_RUN, WORD

JOINTS = [" ", "  ", " \n ", "\u00a0 ", " \u00a0", " - ", " '", "' ", " ’s ", "\t \t", " 42 ", " e-mail ", " @x "]
WORDS = ["Putin", "said", "l'eau", "Вашингтон", "über", "x2", "state-of-the-art", "a", "Ｆｕｌｌ", "😀ok", "_x_"]


def _text(rnd: random.Random) -> str:
    parts = [rnd.choice(WORDS) + rnd.choice(JOINTS) for _ in range(rnd.randint(1, 400))]
    text = "".join(parts)
    return rnd.choice(["", " ", "\n  "]) + text + rnd.choice(["", " ", "x"])


@pytest.mark.parametrize("seed", range(40))
def test_chunked_lists_equal_whole_splits(seed, monkeypatch):
    monkeypatch.setattr(textview, "CHUNK", random.Random(seed).choice([1, 2, 5, 17, 60]))
    text = _text(random.Random(seed))
    view = TextView(text)
    assert view.pieces == text.split()
    assert view.word_pieces == WORD(text).split(text)
    assert view.letter_run_pieces == LETTER_RUN.split(text)


def test_a_text_without_spaces_is_split_whole(monkeypatch):
    monkeypatch.setattr(textview, "CHUNK", 3)
    text = "Putin-said-it" * 20
    assert TextView(text).word_pieces == WORD(text).split(text)


def test_repeated_strings_of_a_big_text_are_stored_once(monkeypatch):
    monkeypatch.setattr(textview, "CHUNK", 50)
    words = TextView("Putin said so. " * 100).words
    assert len({id(w) for w in words if w == "Putin"}) == 1
