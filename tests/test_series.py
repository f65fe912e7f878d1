"""Series and stale texts (issue 16): a text that calls January "the latest" is reported when February is added."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, copy_project, mkdocs_build, problems
from sitehtml import read_site

NEWER = FIXTURES / "newer-month" / "content"

STALE_CLAIM = """\
text: Xiaomi's latest monthly deliveries were over 39,000 vehicles.
subjects: [xiaomi]
figures: [xiaomi-deliveries-2026-01]
sources: [xiaomi-deliveries-release-2026-01]
"""

SERIES_CLAIM = """\
text: Xiaomi's most recent monthly deliveries were over 39,000 vehicles.
subjects: [xiaomi]
latest: [xiaomi-deliveries-2026-01]
sources: [xiaomi-deliveries-release-2026-01]
"""


def add_claims(content: Path) -> None:
    (content / "claims" / "xiaomi-latest-monthly-deliveries.yaml").write_text(STALE_CLAIM, encoding="utf-8")
    (content / "claims" / "xiaomi-most-recent-deliveries.yaml").write_text(SERIES_CLAIM, encoding="utf-8")


def test_texts_that_say_latest_are_fine_while_their_period_is_the_newest(two_briefs: Path) -> None:
    add_claims(two_briefs)
    assert problems(two_briefs) == []


def test_adding_a_newer_period_reports_each_text_that_calls_an_older_one_latest(two_briefs: Path) -> None:
    add_claims(two_briefs)
    shutil.copytree(NEWER, two_briefs, dirs_exist_ok=True)
    assert problems(two_briefs) == [
        "content/claims/xiaomi-latest-monthly-deliveries.yaml:1: text: calls 'xiaomi-deliveries-2026-01' (2026-01) the latest, "
        "but a newer period is recorded: 'xiaomi-deliveries-2026-02' (2026-02, content/figures/xiaomi-deliveries-2026-02.yaml:5) — "
        "name the period instead of 'latest', refer to the newer figure, or to the series with `latest: [xiaomi-deliveries-2026-01]`",
        # The claim that refers to the series now quotes February: its old number is caught, naming the new figure.
        "content/claims/xiaomi-most-recent-deliveries.yaml:1: text: '39,000' matches no figure in this text's scope "
        "(xiaomi-deliveries-2026-02 = 37,500) — closest is xiaomi-deliveries-2026-02; correct the text or the figure, "
        "or, if it is not a figure, list it under `not_figures` with the reason",
    ]


def test_naming_the_period_or_the_newer_figure_clears_it(two_briefs: Path) -> None:
    add_claims(two_briefs)
    shutil.copytree(NEWER, two_briefs, dirs_exist_ok=True)
    stale = two_briefs / "claims" / "xiaomi-latest-monthly-deliveries.yaml"
    stale.write_text(STALE_CLAIM.replace("latest monthly deliveries", "January deliveries"), encoding="utf-8")
    series = two_briefs / "claims" / "xiaomi-most-recent-deliveries.yaml"
    series.write_text(SERIES_CLAIM.replace("over 39,000", "37,500"), encoding="utf-8")
    assert problems(two_briefs) == []


def test_pages_show_the_newest_period_of_the_series(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    add_claims(project / "content")
    shutil.copytree(NEWER, project / "content", dirs_exist_ok=True)
    series = project / "content" / "claims" / "xiaomi-most-recent-deliveries.yaml"
    series.write_text(SERIES_CLAIM.replace("over 39,000", "37,500"), encoding="utf-8")
    stale = project / "content" / "claims" / "xiaomi-latest-monthly-deliveries.yaml"
    stale.write_text(STALE_CLAIM.replace("latest monthly deliveries", "January deliveries"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = read_site(tmp_path / "site")
    assert "Newer: the latest period of this series is February 2026: 37,500 vehicles" in pages["figures/xiaomi-deliveries-2026-01/"].text
    claim = pages["claims/xiaomi-most-recent-deliveries/"]
    assert [f for f, _, _ in claim.figures] == ["xiaomi-deliveries-2026-02"]
