"""Code charts of the pre-Unicode Vietnamese encodings, as data for `legacy_text`.

Word and PDF text layers hand legacy text over as the Windows-1252 characters of the font's byte codes, so each
table maps such a character to Unicode. NFC is applied after translation, so a mark may map to combining characters.

- TCVN3 (ABC, TCVN 5712:1993 VN3; fonts ".VnTime", ".VnArial", …): one byte per letter, taken from the published
  chart and checked byte by byte against glibc's `TCVN5712-1` codec for 0xA1–0xFF. The capitals glibc adds in
  0x01–0x17 and 0x80–0x9F (VN1) are left out: in .VnTime fonts those codes are punctuation (“ ” – …), and
  toned capitals come from the ".VnTimeH" fonts, which draw the lower-case codes as capitals.
- VNI-Windows (fonts "VNI-Times", …): a base letter followed by a mark character; ơ ư đ ĩ ỉ ị are one character.
- Windows-1258 read as Windows-1252: the 14 codes where the two differ (tone marks combine, as in CP1258 itself).
"""

from __future__ import annotations

# TCVN3 byte (as a Windows-1252 character) → Unicode letter; 0xAD, the soft hyphen, is "ư".
TCVN3: dict[str, str] = {
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ", "¨": "ă", "©": "â", "ª": "ê", "«": "ô",
    "¬": "ơ", "\u00ad": "ư", "®": "đ", "¯": "Ằ", "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ", "º": "Ẳ",
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "¿": "Ẵ", "À": "Ắ", "Á": "Ầ", "Â": "Ẩ", "Ã": "Ẫ", "Ä": "Ấ", "Å": "Ề",
    "Æ": "ặ", "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ", "Ì": "è", "Í": "Ể", "Î": "ẻ", "Ï": "ẽ", "Ð": "é",
    "Ñ": "ẹ", "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ", "×": "ì", "Ø": "ỉ", "Ù": "Ễ", "Ú": "Ế", "Û": "Ồ",
    "Ü": "ĩ", "Ý": "í", "Þ": "ị", "ß": "ò", "à": "Ổ", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ", "å": "ồ", "æ": "ổ",
    "ç": "ỗ", "è": "ố", "é": "ộ", "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ", "ï": "ù", "ð": "Ỗ", "ñ": "ủ",
    "ò": "ũ", "ó": "ú", "ô": "ụ", "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự", "ú": "ỳ", "û": "ỷ", "ü": "ỹ",
    "þ": "ỵ", "ÿ": "Ố",
}

# TCVN3 0xB0–0xB4: spacing tone marks typed after a vowel; elsewhere "°" and "²" are degrees and squares.
TCVN3_TONES: dict[str, str] = {"°": "\u0300", "±": "\u0309", "²": "\u0303", "³": "\u0301", "´": "\u0323"}

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"

# VNI-Windows character → Unicode (combining marks for the characters typed after a base letter).
VNI: dict[str, str] = {
    "ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT, "î": _DOT,  # "î" is the dot under y
    "Ø": _GRAVE, "Ù": _ACUTE, "Û": _HOOK, "Õ": _TILDE, "Ï": _DOT, "Î": _DOT,
    "â": _CIRCUMFLEX, "à": _CIRCUMFLEX + _GRAVE, "á": _CIRCUMFLEX + _ACUTE, "å": _CIRCUMFLEX + _HOOK,
    "ã": _CIRCUMFLEX + _TILDE, "ä": _CIRCUMFLEX + _DOT,
    "Â": _CIRCUMFLEX, "À": _CIRCUMFLEX + _GRAVE, "Á": _CIRCUMFLEX + _ACUTE, "Å": _CIRCUMFLEX + _HOOK,
    "Ã": _CIRCUMFLEX + _TILDE, "Ä": _CIRCUMFLEX + _DOT,
    "ê": _BREVE, "è": _BREVE + _GRAVE, "é": _BREVE + _ACUTE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
    "Ê": _BREVE, "È": _BREVE + _GRAVE, "É": _BREVE + _ACUTE, "Ú": _BREVE + _HOOK, "Ü": _BREVE + _TILDE,
    "Ë": _BREVE + _DOT,
    "ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
}

# Windows-1258 text read as Windows-1252 ("Viêòt Nam"): the codes Python's cp1258 codec decodes otherwise.
CP1258_AS_CP1252: dict[str, str] = {
    "Ã": "Ă", "Ì": _GRAVE, "Ð": "Đ", "Ò": _HOOK, "Õ": "Ơ", "Ý": "Ư", "Þ": _TILDE, "ã": "ă", "ì": _ACUTE, "ð": "đ",
    "ò": _DOT, "õ": "ơ", "ý": "ư", "þ": "₫",
}

# Latin-1 letters that ordinary Unicode Vietnamese uses: their presence says nothing about a legacy encoding.
VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")

# Words that lost the "ư" of a dropped TCVN3 soft hyphen and look like another, rarer word (or none at all);
# words that stay common without it ("mời", "lời", "tới", "bởi", "đời", "cha", "đa", "ớt") are not listed.
DROPPED_U_WORDS: dict[str, str] = {
    "ngời": "người", "dới": "dưới", "lới": "lưới", "cời": "cười", "tơi": "tươi", "rỡi": "rưỡi",
    "lỡi": "lưỡi", "mơi": "mươi", "vờn": "vườn", "lợt": "lượt", "vợt": "vượt", "trợt": "trượt",
    "mợn": "mượn", "cớp": "cướp", "bớm": "bướm", "lớt": "lướt", "vơn": "vươn", "ơm": "ươm",
    "gơm": "gươm", "mớp": "mướp", "sờn": "sườn", "lơn": "lươn", "lu": "lưu", "hu": "hưu", "u": "ưu",
}
