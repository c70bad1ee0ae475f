"""The facts of one generated dossier, chosen once before any form is written.

`make_facts` picks a sector, a workplace, the authors (and the people who only helped apply the initiative),
the council, the dates and the benefit. Form builders (gen_forms*) then decide which of these they write and how.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field, replace

from samples.gen_pools import (
    CORPORATE_DOMAINS,
    FEMALE_NAMES,
    MALE_NAMES,
    PROVINCES,
    ROLES,
    TITLE_HONORIFICS,
    UNITS,
    Unit,
)
from samples.gen_sectors import SECTORS, SECTORS_BY_CODE, SKKN_SUBJECTS, Sector
from samples.gen_values import Benefit, DateText, benefit_passage, birth_day, first_applied, signing_day
from samples.gen_vary import Wording

VARIANTS = ("don-tt18", "ban-mo-ta", "bao-cao-kv", "skkn", "doanh-nghiep", "tu-do")

# The notations each form tends to use for the first-applied date (repeats weight the choice).
DATE_STYLES = {
    "don-tt18": ("slash", "slash", "words", "words", "month", "typo"),
    "ban-mo-ta": ("slash", "words", "month"),
    "bao-cao-kv": ("month", "month", "slash", "school-year"),
    "skkn": ("month", "school-year", "slash"),
    "doanh-nghiep": ("slash", "words", "month"),
    "tu-do": ("words", "slash", "month"),
}

DEFAULT_DATE_STYLES = ("slash", "words", "month")

_AUTHOR_COUNTS = {"skkn": (1,), "tu-do": (1, 1, 2), "bao-cao-kv": (1, 1, 2)}
_SHARES = {1: ((100,),), 2: ((60, 40), (70, 30), (50, 50), (80, 20), (55, 45)),
           3: ((50, 30, 20), (40, 30, 30), (60, 20, 20), (34, 33, 33))}

# Spelling pairs that differ even after NFC; each dossier swaps some of them in its labels and titles.
_SPELLING_PAIRS = (("Tỷ lệ", "Tỉ lệ"), ("quản lý", "quản lí"), ("Quản lý", "Quản lí"), ("HÒA", "HOÀ"),
                   ("Hòa", "Hoà"), ("kỹ thuật", "kĩ thuật"), ("Nơi công tác", "Nơi làm việc"))


class Spelling:
    """The spelling habits of one dossier's writer, applied to labels and free text (never to names or units).

    `extra` are further swaps a varied wording adds (they draw nothing from `rng`).
    """

    def __init__(self, rng: random.Random, extra: tuple[tuple[str, str], ...] = ()) -> None:
        self.swaps = tuple(pair for pair in _SPELLING_PAIRS if rng.random() < 0.35) + extra

    def __call__(self, text: str) -> str:
        for usual, variant in self.swaps:
            text = text.replace(usual, variant)
        return text


@dataclass(frozen=True)
class Person:
    """Someone named in a dossier; `honorific` is written before the name ('ThS.', 'Bà') but is not part of it."""

    name: str
    male: bool
    birth: dt.date
    position: str
    qualification: str
    unit: Unit
    honorific: str = ""
    pct: float | None = None

    @property
    def shown(self) -> str:
        """The name as written, with its honorific."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name


@dataclass(frozen=True)
class Facts:
    """Everything one dossier says, before it is laid out as a form."""

    variant: str
    sector_code: str
    sector_raw: str
    title: str
    authors: tuple[Person, ...]
    helpers: tuple[Person, ...]
    head: Person
    unit: Unit
    council: str
    applied: DateText
    signed: dt.date
    place: str
    benefit: Benefit
    spell: Spelling
    glued_notes: bool
    upper_labels: bool
    table_caption: bool  # author tables get a caption row merged across all columns
    wording: Wording = field(default_factory=Wording)  # labels, optional lines and section order (--vary)


def _pick_sector(rng: random.Random, variant: str) -> tuple[Sector, str]:
    """A sector and the workplace domain the authors come from."""
    if variant == "skkn":
        return SECTORS_BY_CODE["giao-duc"], "school"
    if variant == "doanh-nghiep":
        sector = rng.choice([s for s in SECTORS if set(s.domains) & set(CORPORATE_DOMAINS)])
        return sector, rng.choice([d for d in sector.domains if d in CORPORATE_DOMAINS])
    sector = rng.choice(SECTORS)
    return sector, rng.choice(sector.domains)


def _honorific(rng: random.Random, male: bool, qualification: str) -> str:
    """Sometimes an academic or professional title matching the qualification, sometimes Ông/Bà, mostly nothing."""
    if rng.random() > 0.3:
        return ""
    for prefix, honorific in TITLE_HONORIFICS:
        if qualification.startswith(prefix) and rng.random() < 0.7:
            return honorific
    return "Ông" if male else "Bà"


def _person(rng: random.Random, name: str, male: bool, unit: Unit, pct: float | None = None) -> Person:
    role = rng.choice(ROLES[unit.domain])
    qualification = rng.choice(role.qualifications)
    return Person(name, male, birth_day(rng), role.position, qualification, unit,
                  _honorific(rng, male, qualification), pct)


def _people(rng: random.Random, count: int) -> list[tuple[str, bool]]:
    """`count` distinct (name, is_male) pairs."""
    pool = [(name, True) for name in MALE_NAMES] + [(name, False) for name in FEMALE_NAMES]
    return rng.sample(pool, count)


def council_for(rng: random.Random, unit: Unit) -> str:
    """The council a dossier from `unit` is addressed to."""
    if unit.council:
        return unit.council
    options = [f"Hội đồng sáng kiến {PROVINCES[unit.province]} {unit.province}",
               f"Hội đồng sáng kiến cấp cơ sở {unit.name}"]
    if unit.locality:
        options.append(f"Hội đồng sáng kiến {unit.locality}")
    ward = re.search(r"\b(?:phường|xã) [A-ZĐ]\w*(?: [A-ZĐ]\w*)*", unit.name)
    if ward:
        options.append(f"Hội đồng sáng kiến {ward.group(0)}")
    council = rng.choice(options)
    return council.replace("Hội đồng sáng kiến", "Hội đồng Sáng kiến") if rng.random() < 0.3 else council


def place_of(unit: Unit) -> str:
    """The place written before a signing date: the locality without its administrative word, or the province."""
    if not unit.locality:
        return unit.province
    return re.sub(r"^(?:thành phố|thị xã|huyện|quận|phường|xã|tỉnh) ", "", unit.locality)


def _varied_council(wording: Wording, unit: Unit, council: str) -> str:
    """The council a varied dossier addresses: sometimes another council of the unit, sometimes other words."""
    if wording.habit("other-council"):
        council = council_for(wording.rng("council"), unit)
    return wording.council_words(council)


def make_facts(rng: random.Random, variant: str, wording: Wording | None = None) -> Facts:
    """Choose every fact of one dossier of form `variant`; a varied `wording` never changes what `rng` draws."""
    wording = wording or Wording()
    sector, domain = _pick_sector(rng, variant)
    unit = rng.choice(UNITS[domain])
    spell = Spelling(rng, wording.spellings())
    count = rng.choice(_AUTHOR_COUNTS.get(variant, (1, 1, 2, 2, 3)))
    shares = rng.choice(_SHARES[count])
    named = _people(rng, count + 4)
    authors = tuple(_person(rng, name, male, unit if i == 0 or rng.random() < 0.8 else rng.choice(UNITS[domain]),
                            float(shares[i])) for i, (name, male) in enumerate(named[:count]))
    helpers = tuple(_person(rng, name, male, unit) for name, male in named[count:count + rng.randint(1, 3)])
    styles = DATE_STYLES.get(variant, DEFAULT_DATE_STYLES)
    styles = tuple(s for s in styles if domain == "school" or s != "school-year") or ("month",)
    applied = first_applied(rng, styles)
    raw, title = rng.choice(sector.raws), rng.choice(sector.titles)
    if variant == "skkn":  # keep kindergartens and schools apart in subject and title
        nursery = "Mầm non" in unit.name
        raw = "Giáo dục mầm non" if nursery else rng.choice([s for s in SKKN_SUBJECTS if "mầm non" not in s])
        title = rng.choice([t for t in sector.titles if ("trẻ" in t.split()) == nursery])
    facts = Facts(
        variant=variant, sector_code=sector.code, sector_raw=spell(raw), title=spell(title),
        authors=authors, helpers=helpers, head=_person(rng, *named[-1], unit), unit=unit,
        council=council_for(rng, unit), applied=applied, signed=signing_day(rng, applied.day),
        place=place_of(unit), benefit=benefit_passage(rng), spell=spell,
        glued_notes=rng.random() < 0.35, upper_labels=rng.random() < 0.25, table_caption=rng.random() < 0.4,
        wording=wording,
    )
    return replace(facts, council=_varied_council(wording, unit, facts.council)) if wording.varied else facts


def author_truth(person: Person, *, birth: bool = True, position: bool = True, qualification: bool = True,
                 workplace: bool = True, pct: bool = True) -> dict:
    """The ground-truth author record; each flag says whether the form wrote that attribute."""
    return {
        "name": person.name,
        "birth_date": person.birth.isoformat() if birth else None,
        "workplace": person.unit.written if workplace else None,
        "position": person.position if position else None,
        "qualification": person.qualification if qualification else None,
        "contribution_pct": person.pct if pct else None,
    }


def name_truth(person: Person) -> dict:
    """The ground truth of an author the form names but does not describe."""
    return author_truth(person, birth=False, position=False, qualification=False, workplace=False, pct=False)


def base_truth(facts: Facts, authors: list[dict], addressee: str | None, unit: str | None = None) -> dict:
    """The ground truth shared by every form; `unit` defaults to the lead author's workplace as written."""
    return {
        "title": facts.title,
        "authors": authors,
        "unit": facts.authors[0].unit.written if unit is None else unit,
        "sector": {"code": facts.sector_code, "raw": facts.sector_raw},
        "first_applied": facts.applied.truth,
        "benefit": {"amount_vnd": facts.benefit.amount_vnd, "per_year": facts.benefit.per_year},
        "addressee": addressee,
    }
