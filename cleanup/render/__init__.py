"""Renderings of a Result: edit records, text, unified diff, HTML."""
