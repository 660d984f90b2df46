"""Word salad's code of a piece (issue 15): a piece that is one word of ASCII letters, alone or
before one mark (most pieces), gets its code without tokenising it. Every piece must get the code
the tokens give, as the formula was written before (`code_from_tokens` below), for words alone, with
one mark or character after them, and with marks, digits, apostrophes, underscores and letters beyond
ASCII around and inside them.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.stages.mt import word_salad

RULES = next(s for s in get_pipeline().stages if isinstance(s, word_salad.WordSaladStage)).rules

# words the code tells apart (articles, conjunctions, words that cannot follow an article, letters
# alone, made-up and capitalised words) and what may stand beside them in a piece
WORDS = ["the", "The", "THE", "a", "A", "i", "I", "an", "and", "but", "Or", "nor", "of", "in", "who", "is",
         "z", "b", "Z", "house", "timelets", "usefulser", "theseA", "Putin", "candy", "nish", "x" * 30]
AROUND = [",", ";", ":", ".", "...", "'", "’", "(", ")", "_", "-", "5", "12", "é", "İ", "Σ", "\u0301", "😀", "%",
          "!", "?", "]", "}", '"', "”", "\u24b6"]


@st.composite
def pieces(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(AROUND)), min_size=1, max_size=5))
    return "".join(parts)


def code_from_tokens(salad, piece: str) -> str:
    """The code as the tokens give it (the formula as it was)."""
    tokens = word_salad._TOKEN.findall(piece)
    if not tokens:
        return ""
    words = [t for t in tokens if t.isascii() and t[0].isalpha()]
    lowered = [t.lower() for t in tokens]
    signs = (sum(salad.verdicts(w) for w in words if w[0].islower())
             + sum(len(t) == 1 and t.islower() and t.isascii() and t not in "ai" for t in tokens)
             + len(word_salad._GLUED.findall(piece)) + 2 * salad._broken_patterns(lowered))
    first, last = lowered[0], lowered[-1]
    follows = ((first in salad.not_after_article or first in word_salad._MARK_AFTER_ARTICLE) * word_salad._ARTICLE
               + (first in salad.conjunctions) * word_salad._CONJUNCTION
               + (first in word_salad._MARK_AFTER_COMMA) * word_salad._COMMA)
    role = ((last in salad.articles) * word_salad._ARTICLE + (last in salad.conjunctions) * word_salad._CONJUNCTION
            + (last in ",;") * word_salad._COMMA)
    return (word_salad.WORD_MARK * len(words) + word_salad.SIGN_MARK * signs
            + word_salad._first(follows) + word_salad._last(role))


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.sampled_from(WORDS), pieces(), st.text(min_size=1, max_size=6).filter(lambda p: p.split() == [p])))
def test_a_pieces_code_is_what_its_tokens_give(piece):
    for salad in RULES:
        assert salad._code(piece) == code_from_tokens(salad, piece)


def test_every_word_alone_or_before_one_character_is_coded_as_its_tokens():
    words = WORDS + [w.upper() for w in WORDS] + [w.capitalize() for w in WORDS]
    after = [""] + AROUND + sorted(word_salad._TRAILING_MARKS) + ["a", "Z", "0", "\xa0"]
    for salad in RULES:
        for piece in (word + char for word in words for char in after):
            assert salad._code(piece) == code_from_tokens(salad, piece)
