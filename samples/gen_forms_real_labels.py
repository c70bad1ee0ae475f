"""Real-dossier layouts about labels and dates (issue #16), in our own words:

- `real-one-line`: two fields share a line ("Họ và tên: …   Nam (nữ): …", "Chức vụ: …   Đơn vị công tác: …",
  "Tên sáng kiến: …   Lĩnh vực áp dụng: …") and some labels are misspelt the ways hurried typists and OCR do.
- `real-dates`: the first-applied date written in words or as a period, with a plan's or regulation's date, the
  recognition decision's date, a research period and the signing date around it.
"""

from __future__ import annotations

import datetime as dt
import random

from samples.gen_blocks import Block, heading, kv, para
from samples.gen_facts import Facts, Person, author_truth, base_truth, name_truth
from samples.gen_layout import Form, header, lead_name, signature, signing_line
from samples.gen_values import description, slash_date, words_date

# Each label as written correctly, then as misspelt: a wrong vowel, a lost or doubled letter, a lost space, no tone
# marks. The first entry is the default; a dossier picks each label's spelling once.
_SPELLINGS = {
    "title": ("Tên sáng kiến", "Tên sáng kiên", "Tênsáng kiến", "Tên sáng kến", "Ten sang kien"),
    "sector": ("Lĩnh vực áp dụng", "Lãnh vực áp dụng", "Linh vuc ap dung", "Lĩnh vự áp dụng", "Lĩnh vưc áp dụg"),
    "date": ("Ngày áp dụng lần đầu", "Ngay áp dung lần đâu", "Ngày áp dụg lần đầu", "Ngày áp dụng lầnđầu",
             "Thời gian áp dung lần đầu"),
    "name": ("Họ và tên", "Họ và tến", "Hò và tên", "Họ vả tên"),
    "birth": ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Ngày, thang, năm sinh"),
    "position": ("Chức vụ", "Chức vu", "Chưc vụ"),
    "unit": ("Đơn vị công tác", "Đơn vi công tac", "Đơn vị côngtác", "Đơn vị công tá"),
    "qualification": ("Trình độ chuyên môn", "Trình đô chuyên mon", "Trình độ chuyên mông"),
    "share": ("Tỷ lệ đóng góp", "Tỉ lệ đóng góp", "Tỷ lệ đóng gop"),
    "benefit": ("Hiệu quả kinh tế", "Hiệu quả kinh tê", "Hiệu qủa kinh tế"),
}
_GAP = ("   ", "    ", "  ", "; ")


def _spelling(rng: random.Random) -> dict[str, str]:
    """This dossier's spelling of each label: the correct one half of the time."""
    return {key: forms[0] if rng.random() < 0.5 else rng.choice(forms[1:]) for key, forms in _SPELLINGS.items()}


def _pair(first: tuple[str, str], second: tuple[str, str], gap: str, indent: float = 0.0) -> Block:
    """Two "label: value" parts on one line."""
    return para(f"{first[0]}: {first[1]}{gap}{second[0]}: {second[1]}", indent=indent)


def _person_lines(person: Person, spelt: dict[str, str], gap: str, rng: random.Random) -> list[Block]:
    """An author's lines, two fields to a line."""
    sex = ("Nam (nữ)", "Nam" if person.male else "Nữ") if rng.random() < 0.5 else ("Giới tính",
                                                                                     "Nam" if person.male else "Nữ")
    return [
        _pair((spelt["name"], person.shown), sex, gap, indent=5),
        _pair((spelt["birth"], slash_date(rng, person.birth)), (spelt["qualification"], person.qualification), gap,
              indent=5),
        _pair((spelt["position"], person.position), (spelt["unit"], person.unit.written), gap, indent=5),
        kv(spelt["share"], f"{person.pct:g}%", indent=5),
    ]


def build_real_one_line(facts: Facts, rng: random.Random) -> Form:
    """A description report whose writer puts two fields on a line and misspells some labels."""
    spelt, gap = _spelling(rng), rng.choice(_GAP)
    blocks: list[Block] = header(facts, with_agency=rng.random() < 0.5) + [
        heading(rng.choice(("BÁO CÁO MÔ TẢ SÁNG KIẾN", "THUYẾT MINH SÁNG KIẾN")), size=14, space_after=4),
        heading("I. THÔNG TIN CHUNG", align="L"),
        _pair((spelt["title"], facts.title), (spelt["sector"], facts.sector_raw), gap),
        para("Thông tin tác giả:", bold=True),
    ]
    for person in facts.authors:
        blocks += _person_lines(person, spelt, gap, rng)
    blocks += [
        kv(spelt["date"], facts.applied.text),
        heading("II. NỘI DUNG SÁNG KIẾN", align="L"),
        kv("Mô tả giải pháp", description(rng)),
        kv(spelt["benefit"], facts.benefit.text),
        signing_line(facts),
        *signature("Người báo cáo", "(Ký, ghi rõ họ tên)", lead_name(facts)),
    ]
    return Form(blocks, base_truth(facts, [author_truth(p) for p in facts.authors], None))


# ---------------------------------------------------------------- dates

_UNITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def number_words(n: int) -> str:
    """0 ≤ n < 10 000 in Vietnamese words, as forms write them: 21 'hai mươi mốt', 24 'hai mươi tư', 2005 'hai
    nghìn không trăm linh năm'."""
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, units = divmod(rest, 10)
    parts = [f"{_UNITS[thousands]} nghìn"] if thousands else []
    if hundreds or (thousands and rest):
        parts.append(f"{_UNITS[hundreds]} trăm")
    if tens == 0 and units and parts:
        parts += ["linh", _UNITS[units]]
    elif tens == 1:
        parts.append("mười" + (" lăm" if units == 5 else f" {_UNITS[units]}" if units else ""))
    elif tens:
        tail = {0: "", 1: " mốt", 4: " tư", 5: " lăm"}.get(units, f" {_UNITS[units]}")
        parts.append(f"{_UNITS[tens]} mươi{tail}")
    elif not parts:
        parts.append(_UNITS[units])
    return " ".join(parts)


def _month_words(month: int) -> str:
    return {1: "giêng", 10: "mười", 11: "mười một", 12: "mười hai"}.get(month) or _UNITS[month]


def _applied_phrases(rng: random.Random, day: dt.date, end: dt.date, plan: dt.date,
                     research: dt.date) -> list[tuple[str, str]]:
    """(text, truth) of the first-applied date in our ways of saying it, among other dates."""
    month = f"tháng {day.month}/{day.year}"
    return [
        (f"{rng.choice(('Khảo sát, thu thập số liệu', 'Nghiên cứu'))} từ tháng {research.month}/{research.year}; "
         f"áp dụng thử nghiệm từ {month}; áp dụng chính thức từ tháng {end.month}/{end.year}",
         f"{day.year}-{day.month:02d}"),
        (f"ngày {number_words(day.day)} tháng {_month_words(day.month)} năm {number_words(day.year)}", day.isoformat()),
        (f"tháng {_month_words(day.month)} năm {day.year}", f"{day.year}-{day.month:02d}"),
        (f"Từ {month} đến tháng {end.month}/{end.year}", f"{day.year}-{day.month:02d}"),
        (f"Theo Kế hoạch số {rng.randint(3, 90)}/KH-{rng.choice(('UBND', 'SGDĐT', 'BGH'))} ngày "
         f"{slash_date(rng, plan)}, sáng kiến được áp dụng thử từ ngày {slash_date(rng, day)} đến ngày "
         f"{slash_date(rng, end)}", day.isoformat()),
        (f"Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02/3/2012 của Chính phủ, đơn vị áp dụng sáng kiến từ "
         f"{words_date(day)}", day.isoformat()),
    ]


def _applied_rows(facts: Facts, rng: random.Random, text: str) -> list[Block]:
    """The first-applied row; sometimes a trial row giving only the month first, then the first day applied."""
    if rng.random() < 0.7:
        return [kv("6. Ngày sáng kiến được áp dụng lần đầu hoặc áp dụng thử", text)]
    day = facts.applied.day
    return [kv("6. Thời gian áp dụng thử", f"tháng {day.month}/{day.year}"),
            kv("Ngày sáng kiến được áp dụng lần đầu", slash_date(rng, day))]


def build_real_dates(facts: Facts, rng: random.Random) -> Form:
    """An application whose first-applied date is stated in words or as a period, among a plan's or regulation's
    date, a research period before it, the recognition decision and the signing date after it."""
    day = facts.applied.day
    end = day + dt.timedelta(days=rng.randint(60, 240))
    plan = day - dt.timedelta(days=rng.randint(5, 40))
    research = day - dt.timedelta(days=rng.randint(90, 300))
    decision = facts.signed + dt.timedelta(days=rng.randint(10, 60))
    text, truth = rng.choice(_applied_phrases(rng, day, end, plan, research))
    rows = _applied_rows(facts, rng, text)
    truth = truth if len(rows) == 1 else day.isoformat()
    names = ", ".join(p.shown for p in facts.authors)
    blocks: list[Block] = header(facts, with_agency=False) + [
        heading("ĐƠN ĐỀ NGHỊ CÔNG NHẬN SÁNG KIẾN", size=14, space_after=4),
        kv("Kính gửi", facts.council, indent=25),
        kv("1. Tên sáng kiến", facts.title),
        kv("2. Tác giả", names),
        kv("3. Đơn vị công tác", facts.unit.written),
        kv("4. Lĩnh vực áp dụng sáng kiến", facts.sector_raw),
        kv("5. Thời gian nghiên cứu", f"từ tháng {research.month}/{research.year} đến tháng {day.month}/{day.year}"),
        *rows,
        kv("7. Mô tả bản chất của sáng kiến", description(rng)),
        kv("8. Hiệu quả, lợi ích thu được", facts.benefit.text),
        para(f"Sáng kiến đã được Hội đồng sáng kiến cấp cơ sở nghiệm thu ngày {slash_date(rng, decision)} và đề "
             "nghị xét công nhận."),
        signing_line(facts),
        *signature("Người nộp đơn", "(Ký và ghi rõ họ tên)", lead_name(facts)),
    ]
    authors = [name_truth(p) for p in facts.authors]
    return Form(blocks, base_truth(facts, authors, facts.council) | {"first_applied": truth})
