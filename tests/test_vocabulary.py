"""The words of vocabulary.yaml reach what readers see: every entry, generated from the file itself."""

from __future__ import annotations

import html
import re
import shutil

import pytest

from conftest import ROOT
from newsbrief.checks import load_site
from newsbrief.loader import FileCache
from newsbrief.numbers import read_numbers
from newsbrief.render import Renderer
from newsbrief.vocabulary import APPROXIMATE_WORDS, QUALIFIER_MEANING, QUALIFIER_TEXT

FIGURE = "xiaomi-deliveries-2026-01"  # "over 39,000 vehicles" in the real content


@pytest.mark.parametrize(("words", "qualifier"), sorted(APPROXIMATE_WORDS.items()))
def test_every_approximate_word_makes_a_number_in_text_approximate(words: str, qualifier: str) -> None:
    [mention] = read_numbers(f"Xiaomi delivered {words} 39,000 vehicles.")
    assert (mention.value, mention.approximate) == (39000, qualifier)


@pytest.fixture(scope="module")
def figure_pages(tmp_path_factory) -> dict[str, str]:
    """The figure's page with each qualifier of the vocabulary, rendered from a copy of the real content."""
    pages = {}
    for qualifier in QUALIFIER_TEXT:
        content = tmp_path_factory.mktemp(qualifier) / "content"
        shutil.copytree(ROOT / "content", content)
        path = content / "figures" / f"{FIGURE}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("qualifier: over", f"qualifier: {qualifier}"), encoding="utf-8")
        site = load_site(content, content.parent, FileCache())
        assert site.record(FIGURE).qualifier == qualifier
        pages[qualifier] = Renderer(site).record_page(site.entries[FIGURE]).html
    return pages


@pytest.mark.parametrize("qualifier", list(QUALIFIER_TEXT))
def test_every_qualifier_reads_before_the_number_and_is_explained_beside_it(figure_pages: dict[str, str], qualifier: str) -> None:
    page = html.unescape(figure_pages[qualifier])
    shown = re.findall(r'class="nb-fact"[^>]*>([^<]*)<data value="39000"', page)
    assert shown == [QUALIFIER_TEXT[qualifier]], "the words before the figure's number on its page"
    meaning = QUALIFIER_MEANING.get(qualifier)
    if meaning:
        assert meaning in page
    else:  # an exact figure carries no note about bounds
        assert not any(m in page for m in QUALIFIER_MEANING.values())
