"""name-consistency makes mentions only of the spellings in a close pair (`_Found.mentions`): what it
reports is what it reported when it made a mention of every name and two-piece spelling first.
"""
from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import consistency
from cleanup.stages.mt.consistency import _NAME, _SPLIT, Mention, _telling

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "ConsistencyStage")
WORDS = ["Omicron", "Omikron", "Omiquelon", "Omicronom", "Omik Jong", "Omik-jong", "Anneliese", "Annelise",
         "Sergei Lavrov", "Sergey Lavrov", "Sergey Shoigu", "Lavrov", "Kennedy", "Kennedys", "Kvešić", "Kwešić",
         "President Kvešić", "President Kwešić", "Xi Jinping", "Xijinping", "Kermit", "Kermie", "Wolski",
         "Wolsky", "Tomasz Wolski", "Gorbunkov", "Gorbunkovym", "Raikkomaru", "Raikko Maru", "Mario", "Marco",
         "The", "Canada", "Kanata", "the army", "Zurich", "Zürich"]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", ". ", "-", ", ", "\n", " said "])),
                 max_size=20).map(lambda parts: "".join(w + s for w, s in parts))


def _mentions_as_they_were(text):
    spans = [m.span() for m in _NAME(text).finditer(text)]
    words = [text[a:b] for a, b in spans]
    forms = set(words)
    names = [w[:-1] if w.endswith("s") and w[:-1] in forms else w for w in words]
    joined = [text[a_end:b_start] in (" ", "-") for (_, a_end), (b_start, _) in zip(spans, spans[1:])] + [False]
    telling = [name if _telling(name) else None for name in names]
    out = []
    for i, ((start, _), name) in enumerate(zip(spans, names)):
        before = telling[i - 1] if i and joined[i - 1] else None
        after = telling[i + 1] if joined[i] else None
        context = (before, after) if before and after else (before,) if before else (after,) if after else ()
        out.append(Mention(start, start + len(name), name, context))
    two_piece = [Mention(m.start(), m.end(2), text[m.start():m.end(2)], ()) for m in _SPLIT(text).finditer(text)]
    return out + two_piece


def _inconsistencies_as_they_were(stage, mentions, rule, st):
    s = rule.settings
    exceptions = {w.casefold() for w in s.exceptions}
    mentions = [m for m in mentions if m.form.casefold() not in exceptions]
    counts = Counter(m.form for m in mentions)
    yield from stage._proposals(mentions, counts, rule, st)  # (all mentions: no pair chosen first)


def _as_tuples(proposals):
    return [(p.start, p.end, p.replacement, p.rule, p.message, p.level) for p in proposals]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_mentions_of_paired_spellings_report_what_every_mention_did(text):
    rule, st = STAGE.rules[0]
    before = list(_inconsistencies_as_they_were(STAGE, _mentions_as_they_were(text), rule, st))
    assert _as_tuples(STAGE._inconsistencies(consistency._Found(text), rule, st)) == _as_tuples(before)


def test_all_mentions_are_as_they_were():
    text = "Sergei Lavrov met Sergey Shoigu. The Kennedys and Kennedy. Omik Jong, Omik-jong and Omicron-Omikron."
    assert consistency._Found(text).mentions() == _mentions_as_they_were(text)
    text = "Tomasz Wolski spoke first. Then Wolski answered questions, and Wolsky left early."
    rule, st = STAGE.rules[0]
    found = _as_tuples(STAGE.propose(text, Context(text)))
    assert found and found == _as_tuples(_inconsistencies_as_they_were(STAGE, _mentions_as_they_were(text), rule, st))
