"""The first looks of the structure, remove-line and replace stages (issue 15) rule out only texts
and lines where nothing can be found.

Each cheap look is compared with what it stands in for, on texts built from
what makes them hard: letters alike ignoring case in ways lowercasing does
not show (the Kelvin sign, the long s, dotted and dotless i, final sigma),
combining marks, curly quotes, tabs, lines ending alike, site words.
"""
from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanup.core.edits import Level
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import Rule, load_rulebook
from cleanup.stages import duplicate_sentence, remove_line, structure
from cleanup.stages.registry import configure
from cleanup.stages.replace import ReplaceStage

PIECES = ["the", "The", "THE", "the", "had", "in", "In", "\u212aelvin", "kelvin", "\u017fo", "so", "\u0130s", "is",
          "\u0131s", "\u03a3\u03b1\u03c2", "\u03c3\u03b1\u03c3", "cafe\u0301", "caf\u00e9", "CAF\u00c9", "\u00c9t\u00e9",
          "x", "-", "'", "\u2019", "\u201c", "\u201d", ".", ",", "(", ")", "!", "\u2026", "1", "_", "News", "Xinhua",
          "Daily", "edition", "online", ".com", "\u2013", "|", ":", "\u65b0\u95fb", "Duran"]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", "\n\n", "", " - ", " | "]

texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))


HEADLINE = "Prime minister visits the new car factory"
LINES = [HEADLINE, HEADLINE.lower(), HEADLINE.replace(" ", "  "), f"BREAKING {HEADLINE}", f"Video Live {HEADLINE}",
         f"{HEADLINE}.", "Photo", "Read more", "Read more", "He said the the end. He said the the end.",
         "At the same time, men prefer to buy only jackets. At the same time, men prefer to buy only jackets.",
         "At the same time, men prefer to buy only jackets.", "Xi met Biden in Beijing on Monday - Xinhua",
         "A quiet day in the city of Tokyo | The Saga Shimbun News", "Markets rose on Monday: Reuters", "", "  "]
documents = st.lists(st.tuples(st.sampled_from(LINES), st.sampled_from(["\n", "\n\n"])), max_size=12).map(
    lambda parts: "".join(line + end for line, end in parts))

RULES = [configure(r) for r in load_rulebook().rules("structure")]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_a_repeated_word_is_never_ruled_out(text):
    if structure._REPEAT.search(text):
        assert structure._repeat_starts(Context(text).view(text))  # never ruled out


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_repeats_are_those_the_long_way_finds(text):
    view = Context(text).view(text)
    spans = [(m.span(), m.groups()) for m in structure._repeats(view)]
    assert spans == [(m.span(), m.groups()) for m in structure._repeat_matches(view)]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts, documents))
def test_the_stage_finds_the_same_without_its_first_looks(text):
    expected = list(structure.StructureStage(RULES).propose(text, Context(text)))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(structure, "_repeats", structure._repeat_matches)
        m.setattr(structure._Scan, "last_words",  # every pair of non-blank lines compared
                  property(lambda scan: ["x" if line.text.strip() else None for line in scan.lines]))
        slow = structure.StructureStage(RULES)
        for check in slow.other_checks:
            if isinstance(check, structure.SiteNames):
                check.tails.no_site_end = frozenset()
        assert list(slow.propose(text, Context(text))) == expected


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts, documents))
def test_lines_that_are_copies_or_tagged_end_with_the_same_word(text):
    scan = structure._Scan(text, Context(text).view(text))
    for a in range(len(scan.lines)):
        for b in range(len(scan.lines)):
            head, other = scan.norm(a), scan.norm(b)
            if head and other and (head.casefold() == other.casefold() or other.endswith(" " + head)):
                assert scan.last_words[a] == scan.last_words[b] is not None


@pytest.mark.parametrize("text", [
    "He said the the end.", "The the end", "\u212aelvin kelvin", "\u017fo so", "\u0130s is", "\u03a3\u03b1\u03c2 \u03c3\u03b1\u03c3",
    "caf\u00e9 CAF\u00c9", "\u201cthe the\u201d", "in\n\nin", "the\tthe", "the, the", "Xi said - Xinhua",
    "so \u017fo", "the the the", "\u03a3\u03b1\u03c2 \u03c3\u03b1\u03c2", "x the the.", "is \u0130s",
])
def test_tricky_repeats(text):
    view = Context(text).view(text)
    if structure._REPEAT.search(text):
        assert structure._repeat_starts(view)
    spans = [(m.span(), m.groups()) for m in structure._repeats(view)]
    assert spans == [(m.span(), m.groups()) for m in structure._repeat_matches(view)]


# -- remove-line: a line that starts as no alternative can is not tried --------------------------

BOILERPLATE = ["Read more", "READ MORE...", "read  on", "Photo: AP", "photo credit: Reuters / John Smith", "© 2023 Acme",
               "(c) 2020 Acme Corp.", "Copyright 2021 The Times", "Advertisement", "ad", "Related articles:",
               "More from Tokyo:", "\u017fee also:", "\u212aey points", "\u0130n brief", "In brief", "ſponsored",
               "Фото: ТАСС", "Foto: dpa", "Share this article", "e-mail this", "Top stories", "In the city, rain.",
               "The end.", "  Highlights:  ", "Most read", "Subscribe now!"]
boilerplate_texts = st.lists(st.tuples(st.sampled_from(BOILERPLATE + PIECES), st.sampled_from(["\n", "\n\n", " "])),
                             max_size=12).map(lambda parts: "".join(line + end for line, end in parts))
LINE_RULES = [configure(r) for r in load_rulebook().rules("remove-line")]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(boilerplate_texts)
def test_remove_line_finds_the_same_trying_every_line(text):
    fast = remove_line.RemoveLineStage(LINE_RULES)
    slow = remove_line.RemoveLineStage(LINE_RULES)
    slow.openings = None
    assert fast.openings is not None
    assert list(fast.propose(text, Context(text))) == list(slow.propose(text, Context(text)))


@pytest.mark.parametrize("patterns, openings", [
    ([r"(?:please\s+)?read\s+more", r"(?i:photo|foto)s?:.*"], ("foto", "photo", "please", "read")),
    ([r"\bad\b", r"(?=x)xy"], ("ad", "xy")),
    ([r"[A-Z]+ news"], None),         # a class first: any start
    ([r"(?:a?)b"], None),             # a group that may be empty, not optional: not followed
    ([r"\u017fee"], None),            # the long s matches an ASCII "s" ignoring case
    ([r"(?x: a b )"], None),          # flags that change how the pattern reads
])
def test_openings(patterns, openings):
    assert remove_line._openings(patterns) == openings


# -- replace: alternatives and flag groups in the prefilter ----------------------------------------

ALTERNATIVES = st.lists(st.sampled_from(["tea", "Tea", "on", "(?i:TEA)", "(?:tea|talk)", "(?:x|)", "\\s+", "(?!on)",
                                         "(?<=a)", "[Tt]", "(?:on|\u212a)", "(?i:\u017fo)", "(?:ab|cd)+", "e?",
                                         "([A-Z]a)", "(\\p{Lu}\\p{Ll}*)", "\\(", "\\)", "\\1", "(?:[A-Z]x){1,2}",
                                         "[A-Z]?", "(?=T)"]),
                        min_size=1, max_size=5).map("".join)


def _compiles(pattern: str) -> bool:
    try:
        regex.compile(pattern)
    except regex.error:
        return False
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(ALTERNATIVES, st.booleans()), min_size=1, max_size=5),
       st.lists(st.sampled_from(["tea", "TEA", "talk", "on", " ", "\n", "x", "\u212a", "\u017fo", "so", "ab", "cd",
                                 "a", "T", "(", ")", "Ta", "(Ta)", "Xx", "\u00c9", "(\u00c9t"]), max_size=20).map("".join))
def test_replace_prefilter_with_alternatives_changes_no_proposal(rules, text):
    assume(all(_compiles(p) for p, _ in rules))
    rules = [configure(Rule(f"generated.r{i}", "replace", Level.FIX, "generated",
                            {"id": f"r{i}", "pattern": p, "replacement": "<\\g<0>>", "ignore_case": ic}))
             for i, (p, ic) in enumerate(rules)]
    fast, plain = ReplaceStage(rules), ReplaceStage(rules, prefilter=False)
    assert list(fast.propose(text, Context(text))) == list(plain.propose(text, Context(text)))


# -- duplicate sentences: words read at bytes speed where the text allows -------------------------

@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts, documents))
def test_sentences_read_the_same_words_at_bytes_speed(text):
    lines = list(enumerate(Context(text).view(text).lines))
    fast = duplicate_sentence.sentences(text, lines)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(duplicate_sentence, "_ascii_words", duplicate_sentence._words)
        assert duplicate_sentence.sentences(text, lines) == fast


@pytest.mark.parametrize("body", ["It’s “fine” – 100%.", "don’t… STOP—now", "a_b c-d 3.5", "x\u00a0y\tz"])
def test_ascii_words(body):
    assert duplicate_sentence._ascii_words(body) == duplicate_sentence._words(body)


@pytest.mark.parametrize("pattern, text", [
    (r"\(([A-Z]a)\)", "see (Ta) here"), (r"(\p{Lu}\p{Ll}*)[ \t]*\(\1\)", "Tab (Tab) and \u00c9t\u00e9 (\u00c9t\u00e9)"),
    (r"\((?:[A-Z]x){1,2}", "(XxYx"), (r"a\((?=T)(?:[A-Z]|x)", "a(T"), (r"\((?:(?<=\()[A-Z])", "(Q"),
])
def test_a_literal_and_the_class_after_it_are_looked_for_together(pattern, text):
    rule = configure(Rule("generated.r0", "replace", Level.FIX, "generated",
                          {"id": "r0", "pattern": pattern, "replacement": "<\\g<0>>"}))
    fast, plain = ReplaceStage([rule]), ReplaceStage([rule], prefilter=False)
    assert list(plain.propose(text, Context(text)))
    assert list(fast.propose(text, Context(text))) == list(plain.propose(text, Context(text)))
