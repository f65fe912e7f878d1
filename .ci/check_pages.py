"""Fail when a built site holds fewer record pages than content/ has records.

    python .ci/check_pages.py SITE_DIR [PROJECT_DIR]

Every record (``content/<folder>/<id>.yaml``) has a page at ``<folder>/<id>/``, made
by the hooks. An engine that ignores ``hooks:`` (Zensical, say) still builds a site,
strict and without a warning, but without those pages: deploying it would publish an
empty site. ``make build`` and the workflow run this right after building.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from newsbrief.model import FOLDERS  # noqa: E402 — the folders of content/, one per kind

SHOWN = 10  # missing pages named in the message; the count covers the rest


def expected_pages(content_dir: Path) -> list[str]:
    """The page of each record, as its path in the site: ``companies/ford/index.html``."""
    return sorted(f"{folder}/{record.stem}/index.html" for folder in FOLDERS for record in (content_dir / folder).glob("*.yaml"))


def missing_pages(site_dir: Path, content_dir: Path) -> tuple[list[str], int]:
    """The record pages the site lacks, and how many records there are."""
    expected = expected_pages(content_dir)
    return [page for page in expected if not (site_dir / page).is_file()], len(expected)


def report(site_dir: Path, content_dir: Path) -> tuple[bool, str]:
    if not site_dir.is_dir():
        return False, f"{site_dir}: no such folder — build the site first"
    missing, records = missing_pages(site_dir, content_dir)
    if missing:
        shown = ", ".join(missing[:SHOWN]) + (f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else "")
        return False, (
            f"{site_dir}: {records - len(missing)} record pages for {records} records in {content_dir}: "
            f"missing {shown}. Did the engine run the hooks in mkdocs.yml (`hooks:`)? "
            "Build with MkDocs 1.6 or ProperDocs (see docs/engines.md)."
        )
    return True, f"{site_dir}: all {records} records have their page"


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    site_dir = Path(argv[0])
    project = Path(argv[1]) if len(argv) == 2 else ROOT
    ok, message = report(site_dir, project / "content")
    print(message, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
