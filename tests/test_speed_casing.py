"""The casing stage's first looks (issue 15) rule out only texts and places where nothing can be found.

Each detector of cleanup/stages/mt/casing.py first asks what a text must hold
for it to report anything (a capitalised word of its kind, a lowercase word of
its list standing alone, a quotation mark after a colon or comma) and looks
closer only there. Here each is compared, proposal for proposal and in order,
with the scan of every word it stands in for (`slow` below: the detectors as
they were), on texts built from what makes them hard: letters casefold()
changes (the long s, the fi ligature, sharp s, final sigma), a title-case
letter, combining marks, characters beyond the BMP, curly quotes, hyphens,
handles and paths, names split in two, headlines.
"""
from __future__ import annotations

from collections import Counter

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.lexicon import key
from cleanup.analysis.lines import split_lines
from cleanup.analysis.memo import Memo
from cleanup.analysis.wordlist import zipf
from cleanup.core.edits import Proposal
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages.mt import casing
from cleanup.stages.registry import build_kind

STAGE = build_kind("casing", load_rulebook())[0]

PIECES = [
    # capital-after-comma: verbs and adverbs, function words after a semicolon, names, headlines
    "the plan", ", Summarize the lessons", "; The party went on", ", Calmly facing risks", ", Finally the vote",
    ", The Hague", "; However the", ", Strengthen the grid", ", Kelly said", "; It was", ", Resolutely advance",
    "Workers Demand Higher Wages, Better Conditions And Shorter Hours",
    # lowercase-in-name
    "the National Institute of infectious diseases", "Hunan Provincial Department of health spoke",
    "the Institute of the Americas", "the Ministry of defence said", "Ministry of\nhealth", "Bureau of statistics",
    # lowercase-quote-start
    'He said: "we will rebuild every school in the region."', "she said, \u201cwe are going to win this\u201d",
    'added: "a disgrace"', 'Said: "we will see how it goes"', 'The study found: "the effect is much lower."',
    # fixed-case, and letters casefold() changes into a term
    "covid-19", "Covid-19", "COVID-19", "\u017fars-cov-2", "\ufb01fa", "nato", "senator", "h1n1", "h1n1-x", "-covid-19",
    "covid-19's", "unesco", "nasa\u2019s", "\u017f", "\ufb01",
    # lowercase-before-place
    "the vostrikov airport", "the local airport", "the antonov railway station", "theriver", "the zyx river",
    # lowercase-split-name and lowercase-name
    "Tonkatsuman", "the tonkatsu man", "Ramenman", "ramen man", "However", "how ever", "Washington", "washing ton",
    "said Zorvex", "and Zorvex", ", Zorvex", "the zorvex wave", "by M\u00fcllerbach", "m\u00fcller bach",
    "m\u00fcllerbach", "in Stra\u00dfe", "strasse", "stra\u00dfe", "in Da\u00df", "dass", "by A\ufb03", "affi",
    "in \u03a3\u03b1\u03c2", "\u03c3\u03b1\u03c2", "\u03c3\u03b1 \u03c2",
    # lowercase-language
    "russian", "english", "polish", "swiss", "baoul\u00e9", "english-speaking", "englishman", "russian\u2019s",
    "@russian", "russian.com", "#english", "the russian army", "chinese", "Chinese", "amended",
    # letters and marks of other kinds
    "\u01c5", "\u0130stanbul", "e\u0301", "caf\u00e9", "\U0001f600", "\U00010330", "\u00a0", "Xi Jinping", "the", "of",
]
SEPARATORS = [" ", " ", " ", ", ", "; ", "\n", "\n\n", ": ", '"', "\u201c", ". ", "-", "(", "", "\u2019s "]
TEXTS = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts))

NAMES = ["Kravchenko", "M\u00fcllerbach", "\u00c5ngstr\u00f6m", "Stra\u00dfe", "Da\u00df", "A\ufb03", "Tonkatsuman",
         "Xqzt", "\u03a3\u03b1\u03c2", "\u01c4emal", "Omicron"]
AROUND_NAMES = ["said {N}", "and {N}", ", {N}", "with {N}", ". {N}", "({N})", "the {n} wave", "{n}.", "{n}-based",
                "@{n}", "{n}.com", "{n}\u2019s", "{n}s", "_{n}", "{n}2", "{n}\u0301", "x{n}", "\u201c{n}\u201d",
                "the {s} man", "{s}-x", "({s})"]


@st.composite
def documents_with_names(draw):
    """A text that writes a rare name capitalised mid-sentence, and in lowercase, whole or in two."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    parts = ["Report."]
    for _ in range(draw(st.integers(2, 10))):
        name = draw(st.sampled_from(names))
        lower = draw(st.sampled_from([name.lower(), name.casefold()]))
        cut = draw(st.integers(1, max(1, len(lower) - 1)))
        around = draw(st.sampled_from(AROUND_NAMES))
        parts.append(around.format(N=name, n=lower, s=f"{lower[:cut]} {lower[cut:]}"))
    return " ".join(parts)


def test_the_pieces_find_what_every_detector_reports():
    found = Counter(p.rule for text in PIECES for p in STAGE.propose(text, Context(text)))
    found.update(p.rule for p in STAGE.propose("the tonkatsu man and Tonkatsuman. He said Zorvex and Zorvex, "
                                               "the zorvex wave", Context("")))
    assert set(found) == {f"casing.{r.data['detector']}" for r, _ in STAGE.rules}


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(TEXTS, documents_with_names()))
def test_each_detector_reports_what_a_scan_of_every_word_reports(text):
    assert list(STAGE.propose(text, Context(text))) == [p for rule, _ in STAGE.rules for p in slow(text, rule)]


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(TEXTS, documents_with_names()), min_size=2, max_size=6))
def test_the_same_when_the_word_memos_start_over(texts):
    stage = build_kind("casing", load_rulebook())[0]
    stage.capital_roles = Memo(stage._capital_roles, size=3)  # full after three words: it starts over often
    stage.splits = Memo(casing._splits, size=3)
    for text in texts:
        assert list(stage.propose(text, Context(text))) == [p for rule, _ in stage.rules for p in slow(text, rule)]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXTS)
def test_the_words_a_first_look_stands_for_are_where_it_looks(text):
    scan = casing._Scan(text, STAGE)
    for pattern in (casing._AFTER_MARK, casing._MID_SENTENCE_NAME):
        assert {m.group(1) for m in pattern.finditer(text)} <= scan.capitalised
    assert {m.group() for m in casing._CAPITALISED.finditer(text)} <= scan.capitalised
    assert {m.group(1) for m in casing._IN_NAME.finditer(text, overlapped=True)} <= scan.capitalised
    lowercase = [m.group() for m in casing._LOWER_WORD.finditer(text)]
    lowercase += [w for m in casing._LOWER_PAIR.finditer(text, overlapped=True) for w in m.groups()]
    lowercase += [m.group() for m in casing._TOKEN.finditer(text) if m.group().islower()]
    assert all(scan.has(word) for word in lowercase)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="sfiaco-19\u017f\ufb01\ufb00\u00df\u03c2\u03c3K\u212aS", max_size=8))
def test_a_lowercase_token_without_letters_casefold_changes_into_a_term_is_the_term(token):
    terms = ("sars-cov-2", "fifa", "ss", "\u03c3", "k")
    if token.islower() and token.casefold() in terms and not any(casing._folds_into_term(terms, c) for c in token):
        assert token == token.casefold()


@pytest.mark.slow
def test_every_word_a_language_is_named_by_is_listed():
    """_language_names holds every word _widely_spoken is true of: here, of every one-word name in any
    language langcodes knows, and of English words."""
    from language_data.names import load_trie
    from language_data.util import data_filename
    from wordfreq import top_n_list

    table = load_trie(data_filename("trie/und/name_to_language.marisa"))
    words = {w for w in [*table.keys(), *top_n_list("en", 30_000)] if regex.fullmatch(r"\p{Ll}{4,}", w)}
    for speakers in (1, 1_000_000, 50_000_000):
        listed = casing._language_names(speakers)
        assert {w for w in words if casing._widely_spoken(w, speakers)} <= listed
    assert casing._language_names(0) is None  # no minimum: any word may name a language


# -- the detectors as they were: every word scanned ---------------------------------------------

def slow(text, rule):
    return list(SLOW[rule.data["detector"]](text, rule, rule.settings))


def _after_mark(text, rule, s):
    words, verbs = casing._folded(s.words), casing._folded(s.verbs)
    for line in split_lines(text):
        if casing._title_case(line.text):
            continue
        for m in casing._AFTER_MARK.finditer(text, line.start, line.end):
            word = m.group(1)
            function_word = word.casefold() in words and text[m.start() - 2] == ";"
            verb = word.casefold() in verbs or casing._verb_or_adverb(word, s)
            if key(word) in STAGE.lex or not (function_word or verb):
                continue
            lower = word[0].lower() + word[1:]
            yield Proposal(m.start(1), m.end(1), lower, rule.id, f"{rule.message}: '{word}' → '{lower}'", rule.level)


def _in_name(text, rule, s):
    heads, stops = casing._folded(s.heads), casing._folded(s.words)
    reported = set()
    for m in casing._IN_NAME.finditer(text, overlapped=True):
        if m.group(1).casefold() not in heads:
            continue
        lower = []
        for w in m.group(2).split():
            if w in stops or w.endswith("ed"):
                break
            lower.append(w)
        if not lower:
            continue
        start = m.start() + (4 if m.group().startswith("the ") else 0)
        end = m.start(2) + len(" ".join(lower))
        if end in reported:
            continue
        reported.add(end)
        proposed = f"{text[start:m.start(2)]}{' '.join(w.capitalize() for w in lower)}"
        yield Proposal(start, end, None, rule.id,
                       f"{rule.message}: '{' '.join(lower)}' in '{text[start:end]}' (→ '{proposed}'?)", rule.level)


def _quote_start(text, rule, s):
    verbs = casing._folded(s.words)
    for m in casing._QUOTE_START.finditer(text):
        if m.group(1) not in verbs:
            continue
        if len(regex.match(r"[^\"”\n]*", text[m.start(2):]).group().split()) < s.min_words:
            continue
        word = m.group(2)
        upper = word[0].upper() + word[1:]
        yield Proposal(m.start(2), m.end(2), upper, rule.id, f"{rule.message}: '{word}' → '{upper}'", rule.level)


def _fixed_case(text, rule, s):
    fixed = {f.casefold(): f for f in s.forms}
    for m in casing._TOKEN.finditer(text):
        token = m.group()
        form = fixed.get(token.casefold())
        if form and token.islower() and token != form:
            yield Proposal(m.start(), m.end(), form, rule.id, f"{rule.message}: '{token}' → '{form}'", rule.level)


def _before_place(text, rule, s):
    if not s.heads:
        return
    for m in casing._before_place_pattern(s.heads).finditer(text):
        word = m.group(1)
        if zipf(word) >= s.max_zipf or len(word) < s.min_length:
            continue
        yield Proposal(m.start(1), m.end(1), None, rule.id,
                       f"{rule.message}: '{word} {m.group(2)}' (→ '{word.capitalize()}'?)", rule.level)


def _split_name(text, rule, s):
    names = {m.group().casefold(): m.group() for m in casing._CAPITALISED.finditer(text)
             if len(m.group()) >= s.min_length}
    for m in casing._LOWER_PAIR.finditer(text, overlapped=True):
        name = names.get(m.group(1) + m.group(2))
        if name:
            yield Proposal(m.start(), m.end(), None, rule.id,
                           f"{rule.message}: '{m.group()}' (→ '{name}', as this document writes it?)", rule.level)


def _lowercase_name(text, rule, s):
    capitalised = Counter(m.group(1) for m in casing._MID_SENTENCE_NAME.finditer(text))
    names = {form.casefold(): form for form, n in capitalised.items()
             if n >= s.min_count and len(form) >= s.min_length and zipf(form) < s.max_zipf}
    for m in casing._LOWER_WORD.finditer(text):
        name = names.get(m.group())
        if name:
            yield Proposal(m.start(), m.end(), None, rule.id,
                           f"{rule.message}: '{m.group()}' (→ '{name}', as this document writes it "
                           f"{capitalised[name]} times?)", rule.level)


def _language(text, rule, s):
    exceptions, peoples = casing._folded(s.exceptions), casing._folded(s.peoples)
    for m in casing._LOWER_WORD.finditer(text):
        word = m.group()
        if word in exceptions or not (word in peoples or casing._widely_spoken(word, s.min_speakers)):
            continue
        upper = word.capitalize()
        yield Proposal(m.start(), m.end(), upper, rule.id, f"{rule.message}: '{word}' → '{upper}'", rule.level)


SLOW = {"capital-after-comma": _after_mark, "lowercase-in-name": _in_name, "lowercase-quote-start": _quote_start,
        "fixed-case": _fixed_case, "lowercase-before-place": _before_place, "lowercase-split-name": _split_name,
        "lowercase-name": _lowercase_name, "lowercase-language": _language}


def test_the_language_names_are_those_langcodes_counts_speakers_of():
    import langcodes
    from language_data.population_data import LANGUAGE_SPEAKING_POPULATION

    for speakers in (1, 1_000_000, 20_000_000):
        casing._language_names.cache_clear()
        assert casing._language_names(speakers) == frozenset(
            langcodes.Language.make(language=code).display_name().casefold()
            for code, population in LANGUAGE_SPEAKING_POPULATION.items() if "-" not in code and population >= speakers)
    assert casing._language_names(0) is None
