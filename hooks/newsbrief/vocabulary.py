"""The content model's vocabularies, read from ``vocabulary.yaml`` beside this file.

Units, channels, policy steps, figure dimensions and the words that numbers are
written with live in that one data file; currencies and country names come from
Babel (installed with Material), so no table of them is kept in the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale

_DATA = yaml.safe_load((Path(__file__).parent / "vocabulary.yaml").read_text(encoding="utf-8"))
_ENGLISH = Locale("en")


@dataclass(frozen=True)
class UnitSpec:
    name: str
    dimension: str
    singular: str
    plural: str

    @property
    def is_count(self) -> bool:
        """Counts of things are whole and exact (12 members is not 11.5)."""
        return self.dimension == "count"

    @property
    def is_money(self) -> bool:
        return self.dimension.startswith("money-")


def _currency_units() -> dict[str, UnitSpec]:
    """Every current ISO 4217 currency as a unit: 'USD' measures money-USD."""
    return {code: UnitSpec(code, f"money-{code}", code, code) for code in sorted(_ENGLISH.currencies) if len(code) == 3 and code.isupper()}


UNIT_SPECS: dict[str, UnitSpec] = {
    **{name: UnitSpec(name, **spec) for name, spec in _DATA["units"].items()},
    **_currency_units(),
}
UNITS: dict[str, str] = {name: spec.dimension for name, spec in UNIT_SPECS.items()}
"""Each unit and its dimension: only figures of one dimension can be compared or added."""

CHANNELS: dict[str, str] = {name: words["label"] for name, words in _DATA["channels"].items()}
"""How a statement was made, as a label: 'written statement'; '' for an unknown channel."""
SAID_HOW: dict[str, str] = {name: words["said"] for name, words in _DATA["channels"].items()}
"""How a statement was made, as the words after 'said': 'in a written statement'."""
QUALIFIER_TEXT: dict[str, str] = {name: f"{words['before']} " if words["before"] else "" for name, words in _DATA["qualifiers"].items()}
"""How a qualifier reads before a number: 'over 39,000'; '' for an exact figure."""
QUALIFIER_MEANING: dict[str, str] = {name: words["meaning"] for name, words in _DATA["qualifiers"].items() if words["meaning"]}
"""What a qualifier means, for the note beside a figure: 'A lower bound: the true value is higher.'"""
APPROXIMATE_WORDS: dict[str, str] = dict(_DATA["approximate_words"])
"""'around' → 'about', 'more than' → 'over': words before a number in text, and what they amount to."""
BASIS_WORDS: dict[str, str] = dict(_DATA["bases"])
TARGET_OUTCOME: dict[str, str] = dict(_DATA["target_outcomes"])
SECTION_TITLES: dict[str, str] = dict(_DATA["brief_sections"])
POLICY_STEPS: dict[str, str] = dict(_DATA["policy_steps"])
FIGURE_DIMENSIONS: dict[str, str] = dict(_DATA["figure_dimensions"])

NUMBER_WORDS: dict[str, int] = dict(_DATA["number_words"])
FRACTIONS: dict[str, float] = {k: float(v) for k, v in _DATA["fractions"].items()}
MULTIPLES: dict[str, int] = dict(_DATA["multiples"])
SCALES: dict[str, int] = dict(_DATA["scales"])
DIRECTION_WORDS: dict[str, str] = {word: way for way, words in _DATA["directions"].items() for word in words}

CURRENCY_SYMBOLS: dict[str, str] = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "CN¥": "CNY", "RMB": "CNY"}
"""Symbols as news text writes them; '¥' in this newsroom's copy is the Chinese yuan."""

COUNTRY_CODES: frozenset[str] = frozenset(code for code in map(str, _ENGLISH.territories) if len(code) == 2 and code.isalpha())


def country_name(code: str) -> str:
    """'CN' → 'China', from Babel's English territory names."""
    return _ENGLISH.territories.get(code, code)


def unit_words(unit: str, value: float) -> str:
    """'1 member state', '193 member states': the unit word for ``value``."""
    spec = UNIT_SPECS[unit]
    return spec.singular if abs(value) == 1 else spec.plural
