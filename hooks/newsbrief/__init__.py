"""newsbrief: a structured news brief kept as YAML, checked, and published with MkDocs.

The MkDocs hook in ``hooks/brief_hooks.py`` is a thin adapter; the work lives here:
``yamlload`` (strict YAML), ``types`` and ``model`` (the typed content model),
``loader`` (files → records, with file and line), ``checks`` (every cross-record
rule), ``derive`` (arithmetic and statuses), ``reldates`` (relative dates) and
``mkdocs_adapter`` (what each MkDocs event does).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

# Dependency order: a module is reloaded after the modules it imports.
MODULES = (
    "problems",
    "tracking",
    "vocabulary",
    "characters",
    "types",
    "refs",
    "yamlload",
    "model",
    "textfields",
    "loader",
    "reldates",
    "derive",
    "numbers",
    "competing",
    "pending",
    "textcheck",
    "series",
    "checks",
    "schema",
    "backlinks",
    "charts",
    "graph",
    "timeline",
    "editorial",
    "indexes",
    "valueviews",
    "render",
    "prerender",
    "incremental",
    "export",
    "prose",
    "docsguard",
    "mkdocs_internals",
    "mkdocs_adapter",
    "preview",
)

_PACKAGE_DIR = Path(__file__).parent
_loaded_stamp: tuple | None = None


def _stamp() -> tuple:
    """The package's code and its vocabulary (``vocabulary.yaml`` is read when ``vocabulary`` is imported)."""
    files = [*_PACKAGE_DIR.glob("*.py"), *_PACKAGE_DIR.glob("*.yaml")]
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in files))


def reload_if_changed() -> bool:
    """Re-import this package's modules when their source changed.

    MkDocs imports a hook file once per process, so under ``mkdocs serve`` an edit to
    the implementation would otherwise only take effect after a restart.
    """
    global _loaded_stamp
    stamp = _stamp()
    if _loaded_stamp is None:
        _loaded_stamp = stamp
        return False
    if stamp == _loaded_stamp:
        return False
    for name in MODULES:
        module = sys.modules.get(f"{__name__}.{name}")
        if module is not None:
            importlib.reload(module)
    _loaded_stamp = stamp
    return True
