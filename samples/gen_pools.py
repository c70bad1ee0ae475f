"""Value pools for generated dossiers: people, the roles of each kind of workplace, and the workplaces.

All strings are written precomposed (NFC) with full diacritics. Spelling variants that real dossiers carry
(Hòa/Hoà, Thủy/Thuỷ, Ủy/Uỷ) are part of the pools on purpose.
"""

from __future__ import annotations

from typing import NamedTuple

MALE_NAMES = (
    "Nguyễn Văn Hùng", "Trần Quốc Tuấn", "Lê Minh Đức", "Phạm Văn Thắng", "Hoàng Đình Long", "Vũ Mạnh Cường",
    "Đặng Văn Hải", "Bùi Xuân Trường", "Đỗ Quang Vinh", "Ngô Văn Bình", "Dương Minh Khoa", "Lý Văn Phúc",
    "Phan Thanh Sơn", "Trịnh Văn Toàn", "Đinh Công Thành", "Mai Xuân Hòa", "Tạ Quang Huy", "Lương Đức Thuỷ",
    "Cao Văn Dũng", "Hồ Sỹ Nam", "Nguyễn Hữu Thọ", "Trần Đình Quý", "Lê Văn Lâm", "Phạm Ngọc Anh",
    "Hoàng Trọng Nghĩa", "Vũ Đức Hạnh", "Đoàn Văn Tiến", "Nguyễn Tiến Dũng", "Trương Công Định", "Lã Văn Kiên",
    "Kiều Minh Tâm", "Nông Văn Hưng", "Chu Văn Quang", "Tô Hoài Phong", "Quách Văn Lực", "Huỳnh Văn Lộc",
    "Võ Thành Nhân", "Nguyễn Xuân Bách", "Đào Duy Khánh", "Phùng Văn Thịnh", "Lê Quang Hoà", "Trần Văn Khải",
)

FEMALE_NAMES = (
    "Nguyễn Thị Hương", "Trần Thị Lan", "Lê Thị Thu Hà", "Phạm Thị Mai", "Hoàng Thị Ngọc Anh",
    "Vũ Thị Thanh Huyền", "Đặng Thị Hồng Nhung", "Bùi Thị Thu Trang", "Đỗ Thị Minh Nguyệt", "Ngô Thị Bích Ngọc",
    "Đinh Thị Thủy", "Mai Thị Hòa", "Lê Thị Hoài Thương", "Nguyễn Thị Kim Oanh", "Trần Thị Thu Hằng",
    "Phan Thị Diệu Linh", "Trịnh Thị Yến", "Tạ Thị Hạnh", "Lương Thị Phương", "Cao Thị Loan", "Hồ Thị Tuyết",
    "Dương Thị Kim Dung", "Nguyễn Thị Thanh Tâm", "Võ Thị Ánh Tuyết", "Huỳnh Thị Mỹ Duyên", "Đoàn Thị Quỳnh",
    "Kiều Thị Nga", "Lã Thị Huệ", "Chu Thị Vân", "Vương Thị Thảo", "Phí Thị Hậu", "Nguyễn Thị Ngọc Hân",
    "Trần Thị Bảo Châu", "Lê Thị Khánh Ly", "Phạm Thị Quyên", "Hoàng Thị Lệ", "Bùi Thị Hiền", "Đỗ Thị Tuyết Mai",
    "Ngô Thị Xuân", "Nguyễn Thị Ngân", "Lê Thị Thuỷ", "Trần Thị Hoà",
)

# Names of ethnic-minority workers (Khmer, Ê Đê) as a company's author tables carry them: opening words of their
# own, syllables Vietnamese spelling has no place for. Made up for the generator.
MINORITY_NAMES = ("Néang Sa Rinh", "Chau Phắc Kha", "Thạch Sô Phên", "Danh Rết Ta", "Y Bliêk Niê", "Néang Sô Phia")

# Honorifics written before a name, keyed by how a qualification starts; "Ông"/"Bà" suit anyone.
TITLE_HONORIFICS = (
    ("Bác sĩ chuyên khoa II", "BSCKII."), ("Bác sĩ chuyên khoa I", "BSCKI."), ("Thạc sĩ Y học", "ThS.BS."),
    ("Thạc sĩ", "ThS."), ("Tiến sĩ", "TS."), ("Kỹ sư", "KS."), ("Bác sĩ", "BS."), ("Dược sĩ", "DS."),
)


class Role(NamedTuple):
    """A position and the qualifications people holding it have."""

    position: str
    qualifications: tuple[str, ...]


def _roles(*pairs: tuple[str, str]) -> tuple[Role, ...]:
    """Roles from (position, 'qualification; qualification') pairs."""
    return tuple(Role(position, tuple(q.strip() for q in quals.split(";"))) for position, quals in pairs)


ROLES = {
    "school": _roles(
        ("Giáo viên", "Đại học Sư phạm Toán; Đại học Sư phạm Ngữ văn; Cử nhân Tiếng Anh; Đại học Sư phạm Vật lý"),
        ("Giáo viên", "Đại học Sư phạm Tin học; Cao đẳng Sư phạm Mầm non; Đại học Giáo dục Mầm non"),
        ("Hiệu trưởng", "Thạc sĩ Quản lý giáo dục; Đại học Sư phạm Toán"),
        ("Phó Hiệu trưởng", "Thạc sĩ Quản lý giáo dục; Đại học Giáo dục Tiểu học"),
        ("Tổ trưởng chuyên môn", "Thạc sĩ Lý luận và Phương pháp dạy học; Đại học Sư phạm Hóa học"),
        ("Tổng phụ trách Đội", "Đại học Sư phạm Âm nhạc; Cao đẳng Sư phạm Mỹ thuật"),
        ("Nhân viên thư viện", "Cử nhân Thông tin - Thư viện"),
    ),
    "health": _roles(
        ("Bác sĩ", "Bác sĩ chuyên khoa I; Bác sĩ đa khoa; Thạc sĩ Y học"),
        ("Trưởng khoa", "Bác sĩ chuyên khoa II; Thạc sĩ Y học"),
        ("Phó Giám đốc", "Bác sĩ chuyên khoa II; Tiến sĩ Y học"),
        ("Điều dưỡng", "Cử nhân Điều dưỡng; Cao đẳng Điều dưỡng"),
        ("Điều dưỡng trưởng", "Cử nhân Điều dưỡng; Thạc sĩ Điều dưỡng"),
        ("Dược sĩ", "Dược sĩ đại học; Dược sĩ chuyên khoa I"),
        ("Kỹ thuật viên xét nghiệm", "Cử nhân Kỹ thuật xét nghiệm y học"),
        ("Hộ sinh", "Cử nhân Hộ sinh"),
    ),
    "office": _roles(
        ("Chuyên viên", "Cử nhân Luật; Cử nhân Hành chính học; Thạc sĩ Quản lý công"),
        ("Trưởng phòng", "Thạc sĩ Quản lý kinh tế; Cử nhân Kinh tế"),
        ("Công chức Văn phòng - Thống kê", "Cử nhân Quản trị văn phòng"),
        ("Công chức Tư pháp - Hộ tịch", "Cử nhân Luật"),
        ("Công chức Địa chính - Xây dựng", "Kỹ sư Quản lý đất đai"),
        ("Phó Chủ tịch UBND", "Thạc sĩ Quản lý kinh tế; Cử nhân Chính trị học"),
        ("Văn thư", "Trung cấp Văn thư - Lưu trữ; Cử nhân Lưu trữ học"),
    ),
    "it": _roles(
        ("Kỹ sư", "Kỹ sư Công nghệ thông tin; Kỹ sư Khoa học máy tính"),
        ("Chuyên viên", "Cử nhân Hệ thống thông tin; Kỹ sư An toàn thông tin"),
        ("Giám đốc Trung tâm", "Thạc sĩ Khoa học máy tính; Thạc sĩ Hệ thống thông tin"),
    ),
    "evn": _roles(
        ("Kỹ sư", "Kỹ sư Hệ thống điện; Kỹ sư Điện; Kỹ sư Tự động hóa"),
        ("Trưởng phòng Kỹ thuật", "Thạc sĩ Kỹ thuật điện; Kỹ sư Hệ thống điện"),
        ("Đội trưởng Đội Quản lý vận hành", "Kỹ sư Điện"),
        ("Công nhân vận hành", "Trung cấp Điện công nghiệp; Cao đẳng Điện"),
        ("Kế toán trưởng", "Cử nhân Kế toán; Thạc sĩ Tài chính - Ngân hàng"),
        ("Phó Giám đốc", "Thạc sĩ Quản lý năng lượng; Kỹ sư Điện"),
    ),
    "telecom": _roles(
        ("Kỹ sư", "Kỹ sư Điện tử viễn thông; Kỹ sư Công nghệ thông tin"),
        ("Chuyên viên", "Cử nhân Quản trị kinh doanh; Cử nhân Marketing"),
        ("Trưởng phòng", "Thạc sĩ Quản trị kinh doanh; Kỹ sư Điện tử viễn thông"),
        ("Nhân viên kỹ thuật", "Cao đẳng Viễn thông"),
    ),
    "company": _roles(
        ("Kỹ sư", "Kỹ sư Cơ khí; Kỹ sư Hóa học; Kỹ sư Cấp thoát nước"),
        ("Quản đốc phân xưởng", "Kỹ sư Cơ khí chế tạo"),
        ("Kế toán trưởng", "Cử nhân Kế toán"),
        ("Trưởng phòng An toàn", "Kỹ sư Bảo hộ lao động; Thạc sĩ Kỹ thuật môi trường"),
    ),
    "build": _roles(
        ("Kỹ sư", "Kỹ sư Xây dựng dân dụng và công nghiệp; Kỹ sư Cầu đường"),
        ("Cán bộ giám sát", "Kỹ sư Xây dựng công trình giao thông"),
        ("Phó Giám đốc Ban", "Thạc sĩ Kỹ thuật xây dựng"),
        ("Trưởng phòng Quản lý đô thị", "Thạc sĩ Quy hoạch vùng và đô thị"),
    ),
    "agri": _roles(
        ("Cán bộ kỹ thuật", "Kỹ sư Trồng trọt; Kỹ sư Chăn nuôi"),
        ("Trạm trưởng", "Thạc sĩ Khoa học cây trồng"),
        ("Bác sĩ thú y", "Bác sĩ Thú y"),
        ("Chuyên viên", "Kỹ sư Nuôi trồng thủy sản; Cử nhân Quản lý tài nguyên và môi trường"),
    ),
    "security": _roles(
        ("Phó Trưởng Công an", "Cử nhân An ninh; Đại học Cảnh sát nhân dân"),
        ("Cán bộ", "Đại học Cảnh sát nhân dân; Trung cấp Cảnh sát"),
        ("Chỉ huy trưởng", "Cao đẳng Quân sự cơ sở"),
        ("Trợ lý Tác chiến", "Đại học Chỉ huy tham mưu"),
    ),
    "party": _roles(
        ("Chuyên viên", "Cử nhân Chính trị học; Cử nhân Xây dựng Đảng"),
        ("Bí thư Đoàn", "Cử nhân Công tác thanh niên"),
        ("Chủ tịch Hội", "Cử nhân Xã hội học"),
        ("Phó Chủ tịch Công đoàn", "Cử nhân Luật"),
    ),
    "culture": _roles(
        ("Viên chức", "Cử nhân Văn hóa học; Cử nhân Quản lý văn hóa"),
        ("Phó Giám đốc Trung tâm", "Thạc sĩ Quản lý văn hóa"),
        ("Huấn luyện viên", "Cử nhân Giáo dục thể chất"),
        ("Công chức Văn hóa - Xã hội", "Cử nhân Công tác xã hội"),
    ),
    "finance": _roles(
        ("Kế toán", "Cử nhân Kế toán"),
        ("Kiểm soát viên", "Thạc sĩ Tài chính - Ngân hàng"),
        ("Chuyên viên", "Cử nhân Thuế; Cử nhân Tài chính công"),
        ("Phó Chi cục trưởng", "Thạc sĩ Kinh tế"),
    ),
}


class Unit(NamedTuple):
    """A workplace: its name, the locality written after it (or ''), its province and, for companies, the council."""

    domain: str
    name: str
    locality: str
    province: str
    council: str = ""

    @property
    def written(self) -> str:
        """The unit as it is written in a dossier: name, then the locality after a comma."""
        return f"{self.name}, {self.locality}" if self.locality else self.name


# Province name -> its administrative word ("tỉnh Ninh Bình", "thành phố Đà Nẵng").
PROVINCES = {
    "Ninh Bình": "tỉnh", "Đà Nẵng": "thành phố", "Quảng Nam": "tỉnh", "Thanh Hóa": "tỉnh", "Nghệ An": "tỉnh",
    "Hải Phòng": "thành phố", "Bắc Giang": "tỉnh",
}

_EVN_CENTRAL = "Hội đồng Sáng kiến Tổng công ty Điện lực miền Trung"
_EVN_NORTH = "Hội đồng Sáng kiến Tổng công ty Điện lực miền Bắc"


def _units(domain: str, *rows: str) -> tuple[Unit, ...]:
    """Units from 'name | locality | province[ | council]' rows."""
    return tuple(Unit(domain, *(part.strip() for part in row.split("|"))) for row in rows)


UNITS = {
    "school": _units(
        "school",
        "Trường THCS Quang Sơn | thành phố Tam Điệp | Ninh Bình",
        "Trường Mầm non Trúc Đào | huyện Nho Quan | Ninh Bình",
        "Trường Tiểu học Đông Thành | thành phố Ninh Bình | Ninh Bình",
        "Trường THPT Kim Sơn A | huyện Kim Sơn | Ninh Bình",
        "Trường THCS Nguyễn Huệ | phường Hải Châu | Đà Nẵng",
        "Trường Tiểu học Lê Văn Tám | phường Thanh Khê | Đà Nẵng",
        "Trường THPT Hàm Rồng | thành phố Thanh Hóa | Thanh Hóa",
        "Trường THCS Lê Lợi | thị xã Hoàng Mai | Nghệ An",
        "Trường Mầm non Hoa Sen | huyện Quỳnh Lưu | Nghệ An",
        "Trường THCS Trần Phú | quận Lê Chân | Hải Phòng",
        "Trường Tiểu học Tân Dĩnh | huyện Lạng Giang | Bắc Giang",
        "Trường THPT Nguyễn Trãi | thành phố Tam Kỳ | Quảng Nam",
        "Trường Phổ thông Dân tộc nội trú huyện Nam Trà My |  | Quảng Nam",
    ),
    "health": _units(
        "health",
        "Bệnh viện Đa khoa tỉnh Ninh Bình |  | Ninh Bình",
        "Trung tâm Y tế huyện Yên Mô |  | Ninh Bình",
        "Bệnh viện Đa khoa tỉnh Thanh Hóa |  | Thanh Hóa",
        "Trung tâm Y tế huyện Quỳnh Lưu |  | Nghệ An",
        "Bệnh viện Phụ sản Hải Phòng |  | Hải Phòng",
        "Trạm Y tế phường Hải Châu | thành phố Đà Nẵng | Đà Nẵng",
        "Bệnh viện Y học cổ truyền tỉnh Nghệ An |  | Nghệ An",
        "Trung tâm Kiểm soát bệnh tật tỉnh Bắc Giang |  | Bắc Giang",
    ),
    "office": _units(
        "office",
        "UBND phường Hải Châu | thành phố Đà Nẵng | Đà Nẵng",
        "Ủy ban nhân dân xã Yên Thắng | huyện Yên Mô | Ninh Bình",
        "Uỷ ban nhân dân phường Đông Hải | thành phố Thanh Hóa | Thanh Hóa",
        "Văn phòng HĐND và UBND huyện Kim Sơn |  | Ninh Bình",
        "Sở Nội vụ tỉnh Quảng Nam |  | Quảng Nam",
        "Phòng Nội vụ | thành phố Tam Điệp | Ninh Bình",
        "Trung tâm Phục vụ hành chính công tỉnh Bắc Giang |  | Bắc Giang",
    ),
    "it": _units(
        "it",
        "Trung tâm Công nghệ thông tin và Truyền thông tỉnh Ninh Bình |  | Ninh Bình",
        "Sở Thông tin và Truyền thông | thành phố Đà Nẵng | Đà Nẵng",
        "Trung tâm Chuyển đổi số | tỉnh Nghệ An | Nghệ An",
    ),
    "evn": _units(
        "evn",
        f"Công ty Điện lực Quảng Nam |  | Quảng Nam | {_EVN_CENTRAL}",
        f"Công ty Điện lực Đà Nẵng |  | Đà Nẵng | {_EVN_CENTRAL}",
        f"Điện lực Tam Điệp - Công ty Điện lực Ninh Bình |  | Ninh Bình | {_EVN_NORTH}",
        f"Công ty Điện lực Nghệ An |  | Nghệ An | {_EVN_NORTH}",
        f"Điện lực Lạng Giang - Công ty Điện lực Bắc Giang |  | Bắc Giang | {_EVN_NORTH}",
    ),
    "telecom": _units(
        "telecom",
        "VNPT Ninh Bình |  | Ninh Bình | Hội đồng Sáng kiến VNPT Ninh Bình",
        "Trung tâm Điều hành thông tin - VNPT Ninh Bình |  | Ninh Bình | Hội đồng Sáng kiến VNPT Ninh Bình",
        "Trung tâm Kinh doanh VNPT - Đà Nẵng |  | Đà Nẵng | Hội đồng Sáng kiến VNPT Đà Nẵng",
        "VNPT Quảng Nam |  | Quảng Nam | Hội đồng Sáng kiến VNPT Quảng Nam",
        "Trung tâm Công nghệ thông tin - VNPT Thanh Hóa |  | Thanh Hóa | Hội đồng Sáng kiến VNPT Thanh Hóa",
    ),
    "company": _units(
        "company",
        "Công ty Cổ phần Xi măng Bỉm Sơn |  | Thanh Hóa | Hội đồng sáng kiến Công ty Cổ phần Xi măng Bỉm Sơn",
        "Công ty Cổ phần Cấp thoát nước Quảng Nam |  | Quảng Nam | Hội đồng sáng kiến Công ty",
        "Công ty TNHH MTV Thủy nông Bắc Giang |  | Bắc Giang | Hội đồng Sáng kiến Công ty",
    ),
    "build": _units(
        "build",
        "Ban Quản lý dự án đầu tư xây dựng | thành phố Tam Điệp | Ninh Bình",
        "Phòng Quản lý đô thị | thành phố Tam Kỳ | Quảng Nam",
        "Sở Giao thông vận tải tỉnh Nghệ An |  | Nghệ An",
        "Đoạn Quản lý đường bộ Ninh Bình |  | Ninh Bình",
        "Ban Quản lý dự án giao thông | thành phố Đà Nẵng | Đà Nẵng",
    ),
    "agri": _units(
        "agri",
        "Trung tâm Khuyến nông tỉnh Ninh Bình |  | Ninh Bình",
        "Phòng Nông nghiệp và Phát triển nông thôn | huyện Kim Sơn | Ninh Bình",
        "Chi cục Thuỷ lợi tỉnh Quảng Nam |  | Quảng Nam",
        "Trạm Khuyến nông | huyện Quỳnh Lưu | Nghệ An",
        "Chi cục Chăn nuôi và Thú y tỉnh Bắc Giang |  | Bắc Giang",
    ),
    "security": _units(
        "security",
        "Công an phường Hải Châu | thành phố Đà Nẵng | Đà Nẵng",
        "Công an xã Yên Thắng | huyện Yên Mô | Ninh Bình",
        "Ban Chỉ huy quân sự huyện Kim Sơn |  | Ninh Bình",
        "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ - Công an tỉnh Thanh Hóa |  | Thanh Hóa",
    ),
    "party": _units(
        "party",
        "Ban Tuyên giáo Thành ủy Tam Điệp |  | Ninh Bình",
        "Thành đoàn Đà Nẵng |  | Đà Nẵng",
        "Hội Liên hiệp Phụ nữ | huyện Quỳnh Lưu | Nghệ An",
        "Liên đoàn Lao động tỉnh Quảng Nam |  | Quảng Nam",
        "Đảng ủy phường Hải Châu | thành phố Đà Nẵng | Đà Nẵng",
    ),
    "culture": _units(
        "culture",
        "Trung tâm Văn hóa - Thể thao | thành phố Tam Điệp | Ninh Bình",
        "Phòng Văn hoá và Thông tin | huyện Kim Sơn | Ninh Bình",
        "Thư viện tỉnh Ninh Bình |  | Ninh Bình",
        "Bảo tàng Quảng Nam |  | Quảng Nam",
        "Phòng Lao động - Thương binh và Xã hội | huyện Quỳnh Lưu | Nghệ An",
    ),
    "finance": _units(
        "finance",
        "Chi cục Thuế khu vực Tam Điệp - Nho Quan |  | Ninh Bình",
        "Kho bạc Nhà nước Kim Sơn |  | Ninh Bình",
        "Phòng Tài chính - Kế hoạch | thành phố Tam Kỳ | Quảng Nam",
        "Bảo hiểm xã hội huyện Yên Mô |  | Ninh Bình",
    ),
}

CORPORATE_DOMAINS = ("evn", "telecom", "company")
