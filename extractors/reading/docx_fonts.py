"""The font a DOCX run is shown in: what tells a legacy ".VnTime" or "VNI-Times" run from Unicode text.

Word looks for `w:rFonts` on the run, then in its character style, then in the paragraph's style (or the default
paragraph style), each along its `basedOn` chain, then in the document defaults. Old documents converted from
.doc often set .VnTime only in the "Normal" style, so the run alone is not enough. The `w:hAnsi` font is read
first because Word shows characters above 0x7F, where every legacy letter lives, in that font. Theme fonts
(`w:asciiTheme`) are modern Office themes, never a legacy font, and count as no font. Table styles are ignored.
"""

from __future__ import annotations

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_CHAIN = 20  # basedOn chains are short; a cycle in a broken file must not loop forever


def _rfonts_name(owner: etree._Element | None) -> str | None:
    """The hAnsi (else ascii) font of an element holding a `w:rPr` or being one."""
    if owner is None:
        return None
    rpr = owner if owner.tag == _W + "rPr" else owner.find(_W + "rPr")
    fonts = rpr.find(_W + "rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(_W + "hAnsi") or fonts.get(_W + "ascii")


def _val(element: etree._Element | None) -> str | None:
    return element.get(_W + "val") if element is not None else None


class RunFonts:
    """Resolves the font name of each `w:r` against the document's styles; built once per document."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._fonts: dict[str, str | None] = {}
        self._based_on: dict[str, str] = {}
        self._default_paragraph_style: str | None = None
        self._default_font: str | None = None
        if styles is None:
            return
        for style in styles.iter(_W + "style"):
            style_id = style.get(_W + "styleId") or ""
            self._fonts[style_id] = _rfonts_name(style)
            if parent := _val(style.find(_W + "basedOn")):
                self._based_on[style_id] = parent
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                self._default_paragraph_style = style_id
        self._default_font = _rfonts_name(styles.find(f"{_W}docDefaults/{_W}rPrDefault"))

    def of(self, run: etree._Element) -> str | None:
        """The font name `run` is shown in, or None when nothing names one."""
        direct = _rfonts_name(run)
        if direct:
            return direct
        run_style = run.find(f"{_W}rPr/{_W}rStyle")
        paragraph = next(run.iterancestors(_W + "p"), None)
        paragraph_style = paragraph.find(f"{_W}pPr/{_W}pStyle") if paragraph is not None else None
        style_ids = (_val(run_style), _val(paragraph_style) or self._default_paragraph_style)
        return next(filter(None, map(self._style_font, style_ids)), None) or self._default_font

    def _style_font(self, style_id: str | None) -> str | None:
        for _ in range(_MAX_CHAIN):
            if style_id is None:
                return None
            font = self._fonts.get(style_id)
            if font:
                return font
            style_id = self._based_on.get(style_id)
        return None
