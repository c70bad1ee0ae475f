"""A generator of initiative dossiers for the near-copy benchmark, in our own words: sentences composed word
group by word group from small vocabularies per sector, inside the boilerplate of two forms (the application
form and the SKKN report), some of it in the shipped phrase list and some of it not.

`original()` makes one dossier; `copy_of()` makes a look-alike of it in one of the ways copies are made
(resubmitted under a new title, names and units swapped, paragraphs reordered, sentences reworded, read by OCR
instead of typed, half taken into a new report), and says how much of the original's text it still shares.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace

SECTORS = {
    "giao-duc": {
        "who": ["giáo viên chủ nhiệm", "học sinh lớp bốn", "tổ chuyên môn", "phụ huynh học sinh", "nhà trường",
                "học sinh yếu kém", "ban giám hiệu", "đội ngũ giáo viên trẻ", "các em học sinh", "tổ khối năm"],
        "act": ["rèn luyện", "hướng dẫn", "tổ chức", "củng cố", "khơi gợi", "theo dõi", "đánh giá", "bồi dưỡng",
                "lồng ghép", "thiết kế", "kiểm tra", "phát huy", "điều chỉnh", "ghi nhận", "chia sẻ"],
        "thing": ["kỹ năng đọc hiểu", "phép chia có dư", "bài tập thực hành", "trò chơi học tập", "phiếu học tập",
                  "giờ sinh hoạt lớp", "thói quen tự học", "vở ghi chép", "bảng nhóm", "góc thư viện lớp",
                  "câu hỏi gợi mở", "kỹ năng viết đoạn văn", "bài toán có lời văn", "tiết ôn tập", "sổ theo dõi"],
        "how": ["theo từng nhóm nhỏ", "trong mỗi tiết học", "vào cuối tuần", "bằng hình ảnh trực quan",
                "qua các tình huống gần gũi", "sau mỗi chủ đề", "với sự hỗ trợ của phụ huynh", "ngay tại lớp",
                "trong học kỳ một", "theo mức độ tăng dần", "bằng bảng tương tác", "qua nhật ký học tập"],
    },
    "y-te": {
        "who": ["điều dưỡng trực", "bác sĩ khoa nội", "người bệnh cao tuổi", "khoa khám bệnh", "nhân viên y tế",
                "trạm y tế xã", "người nhà bệnh nhân", "tổ kiểm soát nhiễm khuẩn", "kíp trực đêm", "dược sĩ"],
        "act": ["theo dõi", "sắp xếp", "rút ngắn", "chuẩn hóa", "ghi chép", "tư vấn", "phân loại", "cấp phát",
                "kiểm tra", "nhắc nhở", "sàng lọc", "hướng dẫn", "bàn giao", "đối chiếu", "cập nhật"],
        "thing": ["thời gian chờ khám", "hồ sơ bệnh án", "phiếu chăm sóc", "quy trình tiếp đón", "thuốc cấp cứu",
                  "chỉ số huyết áp", "lịch tái khám", "dụng cụ vô khuẩn", "sổ giao ca", "chế độ dinh dưỡng",
                  "bảng kiểm an toàn", "kết quả xét nghiệm", "tủ thuốc trực", "phiếu lĩnh vật tư", "số thứ tự"],
        "how": ["theo từng ca trực", "ngay khi tiếp nhận", "bằng phần mềm nội bộ", "mỗi buổi sáng",
                "trước khi ra viện", "theo mã màu", "tại buồng bệnh", "qua tin nhắn điện thoại", "trong tuần đầu",
                "với bảng kiểm in sẵn", "theo hướng dẫn của khoa", "khi có chỉ định"],
    },
    "hanh-chinh": {
        "who": ["bộ phận một cửa", "công chức tư pháp", "người dân", "văn phòng ủy ban", "cán bộ địa chính",
                "tổ công nghệ số", "lãnh đạo phường", "doanh nghiệp nhỏ", "bộ phận văn thư", "tổ dân phố"],
        "act": ["tiếp nhận", "số hóa", "tra cứu", "luân chuyển", "lưu trữ", "giải quyết", "công khai", "ký số",
                "thông báo", "rà soát", "chuẩn hóa", "sắp xếp", "hướng dẫn", "thống kê", "trả kết quả"],
        "thing": ["hồ sơ hộ tịch", "thủ tục chứng thực", "sổ tiếp nhận", "văn bản đến", "phiếu hẹn",
                  "dữ liệu đất đai", "mẫu tờ khai", "kho lưu trữ", "lịch tiếp công dân", "biên nhận điện tử",
                  "danh mục thủ tục", "ý kiến phản ánh", "bảng niêm yết", "mã hồ sơ", "báo cáo tuần"],
        "how": ["trên cổng dịch vụ công", "trong ngày làm việc", "bằng mã vạch", "theo quy trình mới",
                "qua mạng nội bộ", "tại quầy tiếp nhận", "mỗi cuối tháng", "bằng chữ ký số", "theo từng lĩnh vực",
                "không cần giấy tờ bản chính", "qua ứng dụng di động", "trước hạn quy định"],
    },
}
RESULTS = ["nhờ vậy", "kết quả là", "sau một thời gian", "từ đó", "qua thực tế", "nhìn chung", "đáng chú ý là"]
FILLERS = ["đã", "cũng", "thường xuyên", "luôn", "từng bước", "chủ động", "kịp thời", "các", "những", "thêm",
           "lại", "đều", "dần", "cùng", "vẫn", "tiếp tục", "trực tiếp", "nhanh chóng", "cụ thể", "thật sự"]
GAINS = ["giảm đáng kể", "tăng rõ rệt", "ổn định hơn", "được rút ngắn", "ít sai sót hơn", "nhanh gọn hơn"]
SYNONYMS = {"rèn luyện": "luyện tập", "hướng dẫn": "chỉ dẫn", "tổ chức": "triển khai", "theo dõi": "giám sát",
            "đánh giá": "nhận xét", "kiểm tra": "rà soát lại", "giảm đáng kể": "giảm nhiều", "nhờ vậy": "vì thế",
            "kết quả là": "cuối cùng", "tiếp nhận": "nhận", "số hóa": "chuyển sang dạng số", "tra cứu": "tìm",
            "sắp xếp": "bố trí", "phát huy": "tận dụng", "chia sẻ": "trao đổi", "cập nhật": "bổ sung"}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
MIDDLES = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Đức", "Kim"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hương", "Khánh", "Lan", "Long", "Mai",
         "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"]
PLACES = ["Bình Minh", "Hòa Lạc", "Tân Phú", "Quang Trung", "Hải Châu", "Tam Điệp", "Yên Thế", "Đông Sơn",
          "Phú Lộc", "Cẩm Lệ", "Long Biên", "Nghĩa Đô", "Hưng Lợi", "An Khánh"]
UNIT_KINDS = {"giao-duc": ["Trường Tiểu học", "Trường THCS", "Trường Mầm non"],
              "y-te": ["Trung tâm Y tế", "Bệnh viện đa khoa", "Trạm Y tế phường"],
              "hanh-chinh": ["UBND phường", "UBND xã", "Văn phòng HĐND và UBND huyện"]}
TITLE_PLACES = ["tại", "ở", "cho", "của"]
TITLE_OPENERS = ["Một số biện pháp", "Giải pháp", "Kinh nghiệm", "Ứng dụng", "Đổi mới cách", "Sáng kiến về việc"]
# Boilerplate of each form: the first lines are in the shipped phrase list (similarity.yaml), the sentences
# after them are not (a council's own wording), so the benchmark also sees boilerplate the list does not know.
FORMS = {
    "don": (["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN",
             "Kính gửi: Hội đồng sáng kiến {place}"],
            ["Tôi xin cam đoan mọi thông tin nêu trong đơn là trung thực, đúng sự thật và hoàn toàn chịu trách "
             "nhiệm trước pháp luật.", "Đơn này được lập thành hai bản, một bản lưu tại đơn vị và một bản gửi "
             "thường trực hội đồng để tổng hợp theo kế hoạch của năm."]),
    "bao-cao": (["BÁO CÁO MÔ TẢ SÁNG KIẾN", "I. Đặt vấn đề", "Lý do chọn đề tài"],
                ["Báo cáo được trình bày theo mẫu của hội đồng, gồm phần mở đầu, phần nội dung và phần kết luận, "
                 "có xác nhận của thủ trưởng đơn vị nơi tác giả công tác.", "Tài liệu tham khảo"]),
}


@dataclass(frozen=True)
class Dossier:
    """A generated dossier: its paragraphs (lists of sentences) between its form's head and foot."""

    name: str
    form: str
    sector: str
    title: str
    author: str
    unit: str
    place: str
    paragraphs: tuple[tuple[str, ...], ...]
    base: str | None = None  # the dossier it copies
    shared: float = 0.0  # the share of the original's sentences it keeps unchanged
    how: str = "original"

    def text(self) -> str:
        head, foot = FORMS[self.form]
        lines = [line.format(place=self.place) for line in head]
        lines += [f"Tên sáng kiến: {self.title}", f"Họ và tên: {self.author}", f"Nơi công tác: {self.unit}"]
        lines += [" ".join(paragraph) for paragraph in self.paragraphs]
        return unicodedata.normalize("NFC", "\n".join(lines + foot))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVEN)}"


def _unit(rng: random.Random, sector: str, place: str) -> str:
    return f"{rng.choice(UNIT_KINDS[sector])} {place}"


def _filler(rng: random.Random) -> list[str]:
    """Now and then a word a writer puts between two word groups: no two authors put them in the same places."""
    return [rng.choice(FILLERS)] if rng.random() < 0.55 else []


def sentence(rng: random.Random, sector: str) -> str:
    words = SECTORS[sector]
    groups = [rng.choice(words["who"]), rng.choice(words["act"]), rng.choice(words["thing"]), rng.choice(words["how"])]
    if rng.random() < 0.5:
        groups += ["và", rng.choice(words["act"]), rng.choice(words["thing"])]
    if rng.random() < 0.4:
        groups = [rng.choice(RESULTS), rng.choice(words["thing"]), rng.choice(GAINS) + ","] + groups
    parts = [word for group in groups for word in [*_filler(rng), group]]
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def _title(rng: random.Random, sector: str) -> str:
    words = SECTORS[sector]
    return (f"{rng.choice(TITLE_OPENERS)} {rng.choice(words['act'])} {rng.choice(words['thing'])} "
            f"{rng.choice(words['how'])} {rng.choice(TITLE_PLACES)} {rng.choice(PLACES)}")


def original(rng: random.Random, name: str, sector: str | None = None, form: str | None = None) -> Dossier:
    sector = sector or rng.choice(list(SECTORS))
    form = form or rng.choice(list(FORMS))
    place = rng.choice(PLACES)
    count = rng.randint(3, 5) if form == "don" else rng.randint(6, 9)
    paragraphs = tuple(tuple(sentence(rng, sector) for _ in range(rng.randint(3, 5))) for _ in range(count))
    return Dossier(name, form, sector, _title(rng, sector), _person(rng), _unit(rng, sector, place), place,
                   paragraphs)


def _reword(rng: random.Random, text: str) -> str:
    """A sentence said otherwise: synonyms where known, a clause moved to the front, a word added."""
    for word, other in SYNONYMS.items():
        if word in text and rng.random() < 0.8:
            text = text.replace(word, other)
    clauses = text.rstrip(".").split(" và ")
    if len(clauses) > 1:
        clauses.reverse()
    return "Ngoài ra, " + " và ".join(clauses).lower() + " một cách hiệu quả."


TONE_SWAPS = str.maketrans({"á": "à", "ả": "ã", "ạ": "a", "ế": "ê", "ố": "ô", "ớ": "ơ", "ữ": "ư", "ị": "i",
                            "ộ": "ô", "ệ": "ê", "ư": "u", "ơ": "o", "đ": "d"})
CHAR_SWAPS = {"m": "rn", "n": "u", "h": "b", "c": "e", "i": "l", "o": "0"}


def _ocr(rng: random.Random, text: str) -> str:
    """What Tesseract makes of a clean page now and then: misread tone marks, a letter read as another, a word
    split at a line end."""
    out = []
    for word in text.split(" "):
        roll = rng.random()
        if roll < 0.08:
            word = word.translate(TONE_SWAPS)
        elif roll < 0.11:
            i = rng.randrange(len(word))
            word = word[:i] + CHAR_SWAPS.get(word[i], word[i]) + word[i + 1:]
        elif roll < 0.12 and len(word) > 3:
            word = word[:2] + "-\n" + word[2:]
        out.append(word)
    return " ".join(out)


def _sentences(dossier: Dossier, change) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(change(s) for s in paragraph) for paragraph in dossier.paragraphs)


HOWS = ("new_title", "swapped_names", "reordered", "reworded", "ocr", "reworded_ocr", "half_taken", "third_taken")


def copy_of(rng: random.Random, base: Dossier, name: str, how: str) -> Dossier:
    """A look-alike of `base` made `how` (one of HOWS), with the share of `base`'s sentences it keeps."""
    sentences = sum(len(p) for p in base.paragraphs)
    copy = replace(base, name=name, base=base.name, how=how, shared=1.0)
    if how in ("new_title", "reworded", "reworded_ocr"):
        copy = replace(copy, title=_title(rng, base.sector))
    if how in ("swapped_names", "half_taken", "third_taken"):
        place = rng.choice(PLACES)
        copy = replace(copy, author=_person(rng), unit=_unit(rng, base.sector, place), place=place)
        copy = replace(copy, paragraphs=_sentences(copy, lambda s: s.replace(base.place, place)))
    if how == "reordered":
        paragraphs = list(copy.paragraphs)
        rng.shuffle(paragraphs)
        copy = replace(copy, paragraphs=tuple(paragraphs))
    if how in ("reworded", "reworded_ocr"):
        share = rng.uniform(0.2, 0.4)
        changed = sum(1 for _ in range(sentences) if rng.random() < share)
        picks = set(rng.sample(range(sentences), changed))
        counter = iter(range(sentences))
        copy = replace(copy, paragraphs=_sentences(copy, lambda s: _reword(rng, s) if next(counter) in picks else s),
                       shared=1 - changed / sentences)
    if how in ("ocr", "reworded_ocr"):
        copy = replace(copy, paragraphs=_sentences(copy, lambda s: _ocr(rng, s)))
    if how in ("half_taken", "third_taken"):
        keep = 0.5 if how == "half_taken" else 0.3
        taken = [p for p in copy.paragraphs if rng.random() < keep] or [copy.paragraphs[0]]
        own = [tuple(sentence(rng, base.sector) for _ in range(len(p))) for p in copy.paragraphs[len(taken):]]
        mixed = taken + own
        rng.shuffle(mixed)
        kept = sum(len(p) for p in taken)
        copy = replace(copy, title=_title(rng, base.sector), paragraphs=tuple(mixed), shared=kept / sentences)
    return copy
