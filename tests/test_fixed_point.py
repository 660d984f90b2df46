"""The pipeline runs its stages again while a pass changes the text (core/pipeline.py): a glued
word that settles one piece per pass still settles in one run, and stages that undo each other
end the run instead of running to the limit."""
from cleanup import Level, Policy, get_pipeline
from cleanup.core.edits import Proposal
from cleanup.core.pipeline import MAX_PASSES, Pipeline


def test_a_glued_repetition_settles_in_one_run():
    # each pass splits one glued "said" off (words) and drops one repeat (structure)
    pipe, policy = get_pipeline(), Policy(level=Level.SUGGEST)
    once = pipe.run("Putin" + "said" * 8, policy).text
    assert once == "Putin said"
    assert pipe.run(once, policy).text == once


class _Swap:
    """Rewrites the first character it has a swap for (a stage another one undoes)."""

    def __init__(self, swaps: dict[str, str]):
        self.name, self.swaps, self.calls = "swap-" + "".join(swaps), swaps, 0

    def propose(self, text, ctx):
        self.calls += 1
        for at, char in enumerate(text):
            if char in self.swaps:
                yield Proposal(at, at + 1, self.swaps[char], f"test.{self.name}", "swap", Level.FIX)
                return


def test_stages_undoing_each_other_end_the_run_when_a_text_comes_back():
    # pass 1: x -> y -> z; pass 2: z -> x (and nothing more); pass 3 would begin with x again
    first, second = _Swap({"x": "y", "z": "x"}), _Swap({"y": "z"})
    Pipeline([first, second]).run("x")
    assert first.calls == 2 < MAX_PASSES


class _Counting:
    """Counts the lines it has to look at, keeping what it found for each line in ctx.kept."""

    name = "counting"

    def __init__(self):
        self.looked = 0

    def propose(self, text, ctx):
        kept = ctx.kept(self)
        for line in text.split("\n"):
            if line not in kept:
                self.looked += 1
                kept[line] = True
        return []


def test_what_a_stage_keeps_lasts_every_pass_of_a_run_and_no_longer():
    counting = _Counting()
    pipe = Pipeline([counting, _Swap({"x": "y"})])
    pipe.run("a\nb\nx")  # pass 1: a, b, x; pass 2 (the text changed): only y is new
    assert counting.looked == 4
    pipe.run("a\nb\nx")  # a new run keeps nothing of the last one
    assert counting.looked == 8
