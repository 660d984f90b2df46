"""a-an's signs for "a" and "an" are one pattern (one scan for "a", not one for "a " and one for "an "):
they must start where the two patterns, each with its gap first, start, with any exceptions."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import grammar
from cleanup.stages.registry import build_kind

WORDS = ["a", "an", "A", "An", "aN", "apple", "book", "hour", "one", "he", "x", "1", "É", "_a", "'a", "’a", "-an",
         ".a", "ba", "an an", "banana", "ha", "a-", "an’"]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "  ", "\t", " \t", "", "\n", ".", ","])),
                 max_size=40).map(lambda parts: "".join(w + s for w, s in parts))
EXCEPTIONS = st.lists(st.sampled_from(["an hour*", "a one-*", "a eu*", "an mr*", "historic*", "a 1*", "an *"]),
                      max_size=3, unique=True).map(tuple)


def _two_patterns(gap: str, after_a: str, after_an: str) -> list[re.Pattern]:
    """The signs as they were: "a" and "an" each in its own pattern, the gap after it first."""
    return [re.compile(rf"{article}{gap}(?<![^\W_]{article}{gap})(?<!['’.-]{article}{gap}){after}")
            for article, after in (("a", after_a), ("an", after_an))]


@settings(max_examples=2000, deadline=None)
@given(TEXTS, EXCEPTIONS)
def test_one_scan_for_a_starts_where_the_two_patterns_start(text, exceptions):
    afters = _afters(exceptions)
    for gap in (" ", "\t"):
        (one,) = grammar._lowercase_signs(gap, *afters)
        assert [m.start() for m in one.finditer(text)] == \
               sorted(m.start() for sign in _two_patterns(gap, *afters) for m in sign.finditer(text))


def _afters(exceptions: tuple) -> tuple[str, str]:
    """What may follow "a" and "an" after the gap, as _Articles makes it."""
    pinned = [grammar._pin(e.casefold()) for e in exceptions]
    return (grammar._after_article("bcdfghjklmnpqrstvwxyz", [p for article, p in pinned if article == "an"]),
            grammar._after_article("aeio", [p for article, p in pinned if article == "a"], also=(r"an[ \t]",)))


RULE = next(rule for rule, find in build_kind("grammar", load_rulebook())[0].rules if find is grammar.a_an)


@settings(max_examples=500, deadline=None)
@given(st.lists(TEXTS, min_size=2, max_size=4))
def test_the_article_each_word_wants_is_kept_across_texts_and_judged_the_same(texts):
    """The memo of the article a word wants (kept while the rule's _Articles lives): each text's
    proposals are those of a memo that knows nothing yet."""
    for text in texts:
        seen = list(grammar.a_an(text, RULE, None))
        grammar._articles.cache_clear()
        assert list(grammar.a_an(text, RULE, None)) == seen
        for n in range(len(texts)):  # (the next text meets a memo that knows this one's words)
            list(grammar.a_an(texts[n], RULE, None))
