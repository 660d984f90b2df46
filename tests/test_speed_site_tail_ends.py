"""Site tails (issue 15): a line is passed over by its last character (at C speed) when that is one no
site's name ends with; the others as before. The plain reading: each line's last character but spaces and
tabs, looked at line by line.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.lines import split_lines
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import site_tail
from cleanup.stages.registry import configure

RULES = [configure(r) for r in load_rulebook().rules("structure") if r.data["detector"] == "site-tail"]
ENDS = ["", " ", "\t", "  \t", "\u3000", "\r", ".", "\u201d", ")", "!", "News", "\u65b0\u95fb"]
lines = st.tuples(st.sampled_from(["Ten people were hurt in a fire downtown", "Markets rise on rate hopes today", ""]),
                  st.sampled_from(["", " - Yahoo! News", " | The Saga Shimbun News", " (Fukushima TV) - NHK",
                                   " countries-Xinhua", " \u00b7 Daily Online"]),
                  st.sampled_from(ENDS), st.sampled_from(["", " " * 70, "\t" * 65])).map("".join)
texts = st.lists(lines, max_size=8).map("\n".join)


def plain_find(tails, lines):
    found = []
    for line in lines:
        t = line.text
        if t.rstrip(" \t")[-1:] in tails.no_site_end:
            continue
        segment = site_tail._last_segment(t)
        if segment is None or len(segment) > 20 * tails.max_words or len(segment.split()) > tails.max_words \
                or not tails.site_word.search(segment):
            continue
        window = max(0, len(t) - 400)
        m = tails.tail.search(t, window) or (tails.glued and tails.glued.search(t, window))
        if m:
            found.append((line.start + m.start(), line.start + m.end()))
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_the_tails_found_are_those_of_reading_every_line_end(text):
    assert RULES
    for rule in RULES:
        tails = site_tail.SiteTails(rule)
        lines = split_lines(text)
        assert list(tails.find(lines)) == plain_find(tails, lines)


def test_tails_are_found_after_spaces_and_not_after_a_full_stop():
    tails = site_tail.SiteTails(RULES[0])
    text = "Ten people were hurt in a fire downtown - Yahoo! News \t\nMarkets rise on rate hopes today - Yahoo! News."
    assert plain_find(tails, split_lines(text)) == list(tails.find(split_lines(text))) == [(39, 55)]
