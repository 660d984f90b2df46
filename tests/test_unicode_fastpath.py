"""The unicode stage runs ftfy only on lines it could change: prove that this
gives exactly what plain `ftfy.fix_text` gives on the whole text, with the
stage's own settings (FTFY_DEFAULTS), on text full of what ftfy acts on.
"""
from __future__ import annotations

import ftfy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.core.edits import Level
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import Rule
from cleanup.stages.registry import configure
from cleanup.stages.unicode import FTFY_DEFAULTS, PLAIN_PUNCTUATION, FtfyStage


def _mojibake(s: str, encoding: str) -> str:
    return s.encode("utf-8").decode(encoding, errors="replace")


plain = st.text(alphabet="abc XYZ.,;:!?'\"()-0123456789\t", max_size=12)
unicode_words = st.sampled_from(["café", "Zürich", "naïve", "São Paulo", "Kraków", "中文", "👍🏽", "Россия",
                                 "ﬁnal", "e\u0301", "A\u030a", "\u2028", "Â", "Ã", "é", "€", "™", "²"])
news_punctuation = st.sampled_from(list(PLAIN_PUNCTUATION) + ["“quoted”", "Russia’s"])  # skipped when alone
mojibake = st.builds(_mojibake,
                     st.sampled_from(["café", "Russia’s", "naïve", "“hi”", "—", "São", "Ω", "€5", "日本", "©",
                                      "\u00a0", "…"]),
                     st.sampled_from(["latin-1", "windows-1252", "cp437", "macroman", "windows-1251"]))
markup = st.sampled_from(["&amp;", "&lt;", "&eacute;", "&#233;", "&#x2019;", "&nbsp;", "&", "<b>", "<", ">",
                          "a < b", "&amp;amp;"])
controls = st.sampled_from(["\x00", "\x07", "\x1b[31m", "\x1b", "\x0b", "\x0c", "\x7f", "\x85", "\x92", "\x9d",
                            "\ufeff", "\u200b", "\ud83d\ude00", "\ud800", "\udfff"])
newlines = st.sampled_from(["\n", "\n\n", "\r\n", "\r"])
pieces = st.one_of(plain, unicode_words, news_punctuation, news_punctuation, mojibake, markup, controls, newlines)
texts = st.lists(pieces, max_size=30).map("".join)


def _ftfy_rule(**options) -> Rule:
    data = {"id": "ftfy", "normalizer": "ftfy", **({"options": options} if options else {})}
    return configure(Rule("unicode.ftfy", "unicode", Level.FIX, "ftfy repaired broken text", data))


def _stage_output(text: str, rule: Rule) -> str:
    """One pass of the stage (the pipeline runs passes until nothing changes; fix_text runs one)."""
    out, pos = [], 0
    for p in sorted(FtfyStage(rule).propose(text, Context(text)), key=lambda p: p.start):
        out += [text[pos:p.start], p.replacement]
        pos = p.end
    return "".join(out) + text[pos:]


def _fix_text(text: str, **options) -> str:
    config = ftfy.TextFixerConfig(**{**FTFY_DEFAULTS, **options, "explain": False})
    return ftfy.fix_text(text, config)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_candidate_lines_only_equals_fix_text_on_the_whole_text(text):
    assert _stage_output(text, _ftfy_rule()) == _fix_text(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(min_value=1, max_value=12))
def test_long_lines_are_cut_where_fix_text_cuts_them(text, max_length):
    rule = _ftfy_rule(max_decode_length=max_length)
    assert _stage_output(text, rule) == _fix_text(text, max_decode_length=max_length)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([{"uncurl_quotes": True}, {"normalization": "NFKC"}, {"unescape_html": False}]))
def test_other_ftfy_settings_still_equal_fix_text(text, options):
    assert _stage_output(text, _ftfy_rule(**options)) == _fix_text(text, **options)


def test_markup_stops_entity_decoding_in_later_lines_as_in_fix_text():
    text = "<p>Tom &amp; Jerry</p>\nBen &amp; Jerry’s\n"
    assert _stage_output(text, _ftfy_rule()) == _fix_text(text) == text


def test_mojibake_is_repaired():
    assert _stage_output("Russiaâ€™s war\nplain line\n", _ftfy_rule()) == "Russia’s war\nplain line\n"


def test_the_schema_knows_exactly_ftfys_options_so_a_typo_is_refused_at_load(tmp_path):
    import json

    import pytest

    from cleanup.core.errors import RuleFileError
    from cleanup.rulebook.loading import SCHEMA_PATH, load_rule_file

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "options" in node.get("properties", {}):
                found.append(set(node["properties"]["options"]["properties"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema)
    assert found == [set(ftfy.TextFixerConfig._fields) - {"explain"}]  # explain is the stage's own

    path = tmp_path / "u.yaml"
    path.write_text("id: u\nkind: unicode\ndescription: d\nrules:\n  - id: f\n    normalizer: ftfy\n"
                    "    message: m\n    options:\n      uncurl_qoutes: true\nexamples:\n  - unchanged: x\n",
                    encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"u\.yaml:9: rules\[0\]\.options: unknown field 'uncurl_qoutes'"):
        load_rule_file(path)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["the", "café", "Ã©", "naïve", "â€™s", "Zürich", " ", "  ", "\u00a0", "\n", "x"]),
                min_size=1, max_size=60), st.integers(min_value=1, max_value=40))
def test_changed_runs_rebuild_the_repair_on_long_segments_too(words, limit):
    """Long segments (a file without newlines) take the token path; applying its runs gives ftfy's repair."""
    import cleanup.stages.unicode as unicode_stage
    from cleanup.stages.unicode import changed_runs

    a = "".join(words)
    b = ftfy.fix_text(a, **{k: v for k, v in FTFY_DEFAULTS.items() if k != "explain"})
    old, unicode_stage.CHARACTER_DIFF_LIMIT = unicode_stage.CHARACTER_DIFF_LIMIT, limit  # force the long path
    try:
        runs = list(changed_runs(a, b))
    finally:
        unicode_stage.CHARACTER_DIFF_LIMIT = old
    out, pos = [], 0
    for i1, i2, j1, j2 in runs:
        assert i1 >= pos
        out += [a[pos:i1], b[j1:j2]]
        pos = i2
    assert "".join(out) + a[pos:] == b


NORMALIZED = ["\u00a0", "\u2007", "\u202f", "\u2000", "\u2005", "\u200a", "\u205f", "\u3000", "\u200b", "\u2060",
              "\ufeff", "\u00ad", "\u180e", "\x00", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\x7f", "\x85", "\x9f",
              "\u200c", "\u200d", "\u2028", "\xa1", "\x20", "\t", "\n", "\r", "a", "é", "—"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NORMALIZED), max_size=8).map("".join), st.sampled_from(["", "plain words. "]))
def test_normalizers_skip_only_texts_none_of_them_matches(chars, words):
    from cleanup.stages.unicode import _ANY_NORMALIZED, NORMALIZERS, NormalizerStage

    text = words + chars + words
    assert bool(_ANY_NORMALIZED.search(text)) == any(p.search(text) for p, _ in NORMALIZERS.values())
    for name, (pattern, _) in NORMALIZERS.items():
        rule = configure(Rule(f"unicode.{name}", "unicode", Level.FIX, "normalised", {"id": name, "normalizer": name}))
        found = [(p.start, p.end, p.replacement) for p in NormalizerStage(rule).propose(text, Context(text))]
        assert found == [(m.start(), m.end(), NORMALIZERS[name][1]) for m in pattern.finditer(text)]
