"""A cached property without a lock, for the objects made once per text (a view, a scan).

functools.cached_property takes a lock at each first read on Python 3.11
(dropped in 3.12): ~0.3-0.6 µs, paid for every view of every text, where a
short segment costs a stage a few µs in all. Each such object belongs to one
pipeline run, read by one thread; were two threads to read it at once, both
would compute the same value and one would keep it.
"""
from __future__ import annotations


class once:
    """@once on a method: computed at the first read, then a plain attribute of the instance."""

    def __init__(self, compute):
        self.compute, self.name = compute, compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value
