"""Values written in dossiers, each with the ground truth it stands for: dates, money and benefit passages.

Every function takes the dossier's `random.Random` and returns the text to write together with its meaning,
so a form builder never has to parse what it wrote.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

_FIRST_APPLIED_RANGE = (dt.date(2014, 1, 6), dt.date(2025, 9, 30))
_LATEST_SIGNING = dt.date(2025, 12, 20)


@dataclass(frozen=True)
class DateText:
    """A written date (`text`), its truth (YYYY-MM-DD, YYYY-MM or YYYY) and the day it starts on."""

    text: str
    truth: str
    day: dt.date


@dataclass(frozen=True)
class Benefit:
    """A benefit passage and its truth: the money saved or earned (None when purely social), per year or not."""

    text: str
    amount_vnd: int | None
    per_year: bool


def random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A uniformly chosen day between `first` and `last` inclusive."""
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def slash_date(rng: random.Random, day: dt.date) -> str:
    """'05/9/2023', '5/9/2023' or '05/09/2023'."""
    dd = f"{day.day:02d}" if rng.random() < 0.7 else str(day.day)
    mm = f"{day.month:02d}" if rng.random() < 0.4 else str(day.month)
    return f"{dd}/{mm}/{day.year}"


def words_date(day: dt.date, gap: str = " ") -> str:
    """'ngày 05 tháng 9 năm 2023'; `gap` is the space after the day and month (double in some forms)."""
    return f"ngày {day.day:02d}{gap}tháng {day.month}{gap}năm {day.year}"


def _school_year(rng: random.Random, day: dt.date) -> DateText:
    start = day.year if day.month >= 8 else day.year - 1
    dash = rng.choice((" - ", "-", " – "))
    return DateText(f"năm học {start}{dash}{start + 1}", str(start), dt.date(start, 9, 5))


def _month(rng: random.Random, day: dt.date) -> DateText:
    body = rng.choice((f"tháng {day.month}/{day.year}", f"tháng {day.month} năm {day.year}"))
    text = f"Từ {body}" if rng.random() < 0.5 else body
    return DateText(text, f"{day.year}-{day.month:02d}", day.replace(day=1))


def _day(rng: random.Random, day: dt.date, style: str) -> DateText:
    if style == "slash":
        text = slash_date(rng, day)
    elif style == "words":
        text = words_date(day, rng.choice((" ", " ", "  ")))
    else:  # a typo seen in real dossiers: 'tng' for 'tháng'
        text = f"ngày {day.day:02d} tng {day.month} năm {day.year}"
    return DateText(text, day.isoformat(), day)


def first_applied(rng: random.Random, styles: tuple[str, ...]) -> DateText:
    """A first-applied date in one of `styles`: slash, words, typo, month or school-year."""
    day = random_day(rng, *_FIRST_APPLIED_RANGE)
    style = rng.choice(styles)
    if style == "school-year":
        return _school_year(rng, day)
    if style == "month":
        return _month(rng, day)
    return _day(rng, day, style)


def signing_day(rng: random.Random, applied: dt.date) -> dt.date:
    """The day the form was signed: a few months to three years after first application, never the same day."""
    first = applied + dt.timedelta(days=45)
    last = max(first + dt.timedelta(days=30), min(applied + dt.timedelta(days=1100), _LATEST_SIGNING))
    return random_day(rng, first, last)


def birth_day(rng: random.Random) -> dt.date:
    """A birth date of someone working today."""
    return random_day(rng, dt.date(1966, 1, 1), dt.date(1998, 12, 31))


# ---------------------------------------------------------------- money


def dotted(amount: int) -> str:
    """150000000 -> '150.000.000' (dot groups thousands)."""
    return f"{amount:,}".replace(",", ".")


def _decimal_comma(value: int, scale: int) -> str:
    """value/scale written with a comma as decimal mark and no trailing zeros: (125, 100) -> '1,25'."""
    whole, frac = divmod(value, scale)
    digits = len(str(scale)) - 1
    frac_text = f"{frac:0{digits}d}".rstrip("0") if frac else ""
    return f"{whole},{frac_text}" if frac_text else str(whole)


def money(rng: random.Random, scale: str) -> tuple[str, int]:
    """A sum of money in one of the notations dossiers use; `scale` is 'small' (millions) or 'large' (billions)."""
    if scale == "large":
        hundredths = rng.choice((rng.randint(100, 400), rng.randint(10, 300) * 10))
        return f"{_decimal_comma(hundredths, 100)} tỷ đồng", hundredths * 10_000_000
    style = rng.choice(("million", "million", "dots"))
    if style == "million":
        tenths = rng.choice((rng.randint(5, 950) * 10, rng.randint(15, 99)))
        return f"{_decimal_comma(tenths, 10)} triệu đồng", tenths * 100_000
    amount = rng.choice((rng.randint(12, 980) * 1_000_000, rng.randint(120, 9800) * 100_000))
    return dotted(amount) + rng.choice((" đồng", "đ", " đ", " VNĐ")), amount


_QUALIFIERS = ("", "", "", "khoảng ", "hơn ", "trên ", "gần ")
_PER_YEAR = ("/năm", " mỗi năm", " hằng năm")

_GAIN_SENTENCES = (
    "Sau khi áp dụng, sáng kiến đã làm lợi cho đơn vị {m}.",
    "Sáng kiến giúp tiết kiệm {m} chi phí văn phòng phẩm, in ấn và đi lại.",
    "Giảm chi phí vận hành, bảo dưỡng {m} so với cách làm cũ.",
    "Giá trị làm lợi ước tính {m}.",
    "Số tiền làm lợi: {m}.",
    "Tổng giá trị tiết kiệm được là {m} so với phương án trước đây.",
)
_COST_SENTENCES = (
    "Kinh phí đầu tư {c}.",
    "Tổng chi phí triển khai {c}, được thu hồi sau khoảng 8 tháng.",
    "Chi phí mua sắm thiết bị ban đầu là {c}.",
    "Kinh phí thực hiện sáng kiến {c}, do đơn vị tự cân đối.",
)
_SOCIAL_SENTENCES = (
    "Rút ngắn thời gian xử lý công việc từ 5 ngày xuống còn 2 ngày.",
    "Nâng cao chất lượng phục vụ và sự hài lòng của người dân.",
    "Cán bộ, viên chức thao tác thuận tiện, hạn chế sai sót.",
    "Tạo không khí thi đua sôi nổi, được đồng nghiệp hưởng ứng và nhân rộng.",
    "Giảm áp lực công việc cho đội ngũ trực tiếp thực hiện.",
    "Kết quả khảo sát cho thấy 92% người được hỏi đánh giá tốt.",
    "Giải pháp dễ áp dụng, có thể nhân rộng ra các đơn vị khác trong tỉnh.",
    "Chất lượng công việc được nâng lên rõ rệt so với cùng kỳ năm trước.",
)


def benefit_passage(rng: random.Random) -> Benefit:
    """A benefit passage: about 1 in 5 purely social, about 1 in 3 also stating what it cost (not the benefit)."""
    social = rng.sample(_SOCIAL_SENTENCES, rng.randint(1, 2))
    if rng.random() < 0.2:
        extra = [rng.choice(_COST_SENTENCES).format(c=money(rng, "small")[0])] if rng.random() < 0.25 else []
        return Benefit(" ".join(social + extra), None, False)
    gain_text, amount = money(rng, "large" if rng.random() < 0.3 else "small")
    per_year = rng.random() < 0.5
    written = rng.choice(_QUALIFIERS) + gain_text + (rng.choice(_PER_YEAR) if per_year else "")
    sentences = [rng.choice(_GAIN_SENTENCES).format(m=written)]
    if rng.random() < 0.33:
        cost_text, cost = money(rng, "small")
        if cost != amount:
            cost_line = rng.choice(_COST_SENTENCES).format(c=cost_text)
            sentences.insert(rng.randint(0, 1), cost_line)
    return Benefit(" ".join(sentences + social), amount, per_year)


# ---------------------------------------------------------------- prose

DESCRIPTION_SENTENCES = (
    "Trước đây, công việc này được thực hiện thủ công, mất nhiều thời gian và dễ sai sót.",
    "Sáng kiến đề xuất quy trình mới gồm 5 bước, phân công rõ trách nhiệm của từng bộ phận.",
    "Giải pháp đã được áp dụng thử tại đơn vị và điều chỉnh theo góp ý của đồng nghiệp.",
    "Các biểu mẫu được chuẩn hóa và lưu trữ tập trung, thuận tiện cho việc tra cứu.",
    "Nội dung sáng kiến gồm ba nhóm giải pháp: tổ chức, kỹ thuật và kiểm tra, giám sát.",
    "Điểm mới của sáng kiến là kết hợp công cụ số với cách làm truyền thống của đơn vị.",
    "Mỗi nội dung đều có hướng dẫn cụ thể, dễ thực hiện và dễ kiểm tra kết quả.",
    "Sáng kiến không làm thay đổi quy định hiện hành mà chỉ sắp xếp lại cách tổ chức thực hiện.",
)

CONDITIONS = (
    "Có máy tính kết nối mạng Internet và đội ngũ cán bộ được tập huấn.",
    "Sự quan tâm chỉ đạo của lãnh đạo đơn vị và sự phối hợp của các bộ phận liên quan.",
    "Người thực hiện nắm vững quy trình chuyên môn; cơ sở vật chất đáp ứng yêu cầu tối thiểu.",
    "Không đòi hỏi điều kiện đặc biệt, có thể áp dụng ở các đơn vị có cùng chức năng.",
)

HELPER_TASKS = ("Áp dụng thử tại lớp", "Thu thập số liệu", "Hỗ trợ kỹ thuật", "Tổng hợp kết quả",
                "Áp dụng thử tại bộ phận", "Theo dõi, đánh giá")


def description(rng: random.Random, count: tuple[int, int] = (2, 4)) -> str:
    """Two to four sentences describing the substance of an initiative."""
    return " ".join(rng.sample(DESCRIPTION_SENTENCES, rng.randint(*count)))
