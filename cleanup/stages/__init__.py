"""Stages: one module per rule kind (mt/ holds the machine-translation detectors).

Which kinds exist, their order and their detectors are in `registry`, the
one place a new kind is added (docs/design.md).
"""
from __future__ import annotations

from .registry import build_pipeline

__all__ = ["build_pipeline"]
