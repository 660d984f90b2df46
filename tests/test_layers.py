"""Each folder of the package is one layer, and a module imports only from its own layer or lower ones
(docs/design.md, "Layers"). An import upwards is how circles start: this test finds it first."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cleanup"
# bottom to top; `cleanup/__init__.py` (clean, get_pipeline) is the API layer's public face
LAYERS = ["analysis", "core", "rulebook", "stages", "api", "review", "render", "authoring", "batch", "learn", "cli"]


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "cleanup":
        return None
    if len(parts) == 1 or parts[1] in ("__init__", "__main__"):
        return "api" if len(parts) == 1 or parts[1] == "__init__" else "cli"
    return parts[1] if parts[1] in LAYERS else None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path):
    """(line, module) for every import in the file, relative ones resolved."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module is None:  # from . import a, b: the names may be modules
                yield from ((node.lineno, f"{target}.{a.name}") for a in node.names)
            else:
                yield node.lineno, target


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = layer_of(module_name(path))
        for line, target in imported(path):
            theirs = layer_of(target)
            if own and theirs and LAYERS.index(theirs) > LAYERS.index(own):
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {own} imports {target} ({theirs})")
    assert not upward, "\n".join(upward)


def test_every_folder_of_the_package_is_a_known_layer():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(LAYERS), sorted(folders - set(LAYERS))
