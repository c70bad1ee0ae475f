"""The registry of form variants: `build_form(facts, rng)` lays out a dossier's facts as its variant's form."""

from __future__ import annotations

import random

from samples.gen_facts import Facts
from samples.gen_forms_gov import build_ban_mo_ta, build_bao_cao_kv, build_don
from samples.gen_forms_other import build_confirmation, build_doanh_nghiep, build_skkn, build_tu_do
from samples.gen_forms_real_authors import (
    build_kv_authors,
    build_minority_authors,
    build_placeholder_authors,
    build_prose_authors,
    build_signature,
)
from samples.gen_forms_real_benefit import build_savings_table, build_total_line
from samples.gen_forms_real_labels import build_real_dates, build_real_one_line
from samples.gen_forms_real_sections import build_benefit_subsections, build_prose_form, build_tick_boxes
from samples.gen_forms_real_titles import (
    build_bracket_authors,
    build_heading_title,
    build_it_system,
    build_list_entry,
    build_page_heading,
    build_project_line,
    build_quoted_title,
    build_subject_line,
)
from samples.gen_forms_real_unit import (
    build_collective_author,
    build_real_kv_table,
    build_real_letterhead,
    build_real_title_tail,
)
from samples.gen_layout import Form

BUILDERS = {
    "don-tt18": build_don,
    "ban-mo-ta": build_ban_mo_ta,
    "bao-cao-kv": build_bao_cao_kv,
    "skkn": build_skkn,
    "doanh-nghiep": build_doanh_nghiep,
    "tu-do": build_tu_do,
}

# Forms laid out the way real dossiers are (issue #16): fields in letterheads, signature blocks, prose, totals after
# items… Each is written in our own words after a structure met in real dossiers (bench/real/). `--real` draws
# from these instead of BUILDERS' first six, so the default output stays byte-identical.
REAL_BUILDERS: dict = {
    "real-signature": build_signature,
    "real-prose-authors": build_prose_authors,
    "real-kv-authors": build_kv_authors,
    "real-placeholder-authors": build_placeholder_authors,
    "real-letterhead": build_real_letterhead,
    "real-title-tail": build_real_title_tail,
    "real-kv-table": build_real_kv_table,
    "real-one-line": build_real_one_line,
    "real-dates": build_real_dates,
    "real-savings-table": build_savings_table,
    "real-total-line": build_total_line,
    "real-subject-line": build_subject_line,
    "real-project-line": build_project_line,
    "real-heading-title": build_heading_title,
    "real-quoted-title": build_quoted_title,
    "real-page-heading": build_page_heading,
    "real-list-entry": build_list_entry,
    "real-bracket-authors": build_bracket_authors,
    "real-it-system": build_it_system,
    "real-tick-boxes": build_tick_boxes,
    "real-benefit-subsections": build_benefit_subsections,
    "real-prose-form": build_prose_form,
    "real-minority-authors": build_minority_authors,
    "real-collective-author": build_collective_author,
}
BUILDERS |= REAL_BUILDERS
REAL_VARIANTS = tuple(REAL_BUILDERS)

__all__ = ["BUILDERS", "REAL_VARIANTS", "Form", "build_confirmation", "build_form"]


def build_form(facts: Facts, rng: random.Random) -> Form:
    """The blocks and ground truth of the form `facts.variant`."""
    return BUILDERS[facts.variant](facts, rng)
