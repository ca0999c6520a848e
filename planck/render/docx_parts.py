"""The page and the building blocks of the Word report: A4 with the margins, fonts and page
numbers of Chinese official documents (GB/T 9704), and small helpers that add a heading, a
paragraph, a table or a picture with every text made safe for XML.

python-docx writes text safely (it escapes ``<`` and ``&``), but XML 1.0 cannot hold most
control characters at all: every text goes through :func:`safe` first, so that a hostile name
cannot make a corrupt file. Fields (the page number) and East-Asian fonts have no python-docx
API: they are built with its documented OxmlElement / qn helpers on the public ``element`` of
a style or a header/footer part.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, cast

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Length, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from planck.textsafe import clean

# GB/T 9704 font sizes: 2号 22 pt (title), 3号 16 pt (headings, body), 4号 14 pt (page numbers);
# tables in 五号 10.5 pt so that they fit.
TITLE_PT = 22
BODY_PT = 16
TABLE_PT = 10.5
FOOTER_PT = 14

# The East-Asian font of each kind of text, as Word names it, with the fonts a reader without
# it gets instead (listed in the report's font table as alternatives).
FONT_TITLE = "方正小标宋简体"
FONT_HEADING = "黑体"
FONT_SUBHEADING = "楷体_GB2312"
FONT_BODY = "仿宋_GB2312"
FONT_TABLE = "仿宋_GB2312"
FONT_LATIN = "Times New Roman"
FALLBACKS = {
    FONT_TITLE: ("宋体", "SimSun", "Noto Serif CJK SC"),
    FONT_HEADING: ("SimHei", "Noto Sans CJK SC"),
    FONT_SUBHEADING: ("KaiTi", "楷体", "Noto Serif CJK SC"),
    FONT_BODY: ("FangSong", "仿宋", "Noto Serif CJK SC"),
}

# The font table as XML (python-docx's documented way to give a part a class of its own), so
# that the fonts' alternatives can be added to it.
PartFactory.part_type_for.setdefault(CONTENT_TYPE.WML_FONT_TABLE, XmlPart)

# A4, margins of GB/T 9704 (about 37 mm top, 35 mm bottom, 28 mm left, 26 mm right).
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINE_PITCH = Pt(28)  # 22 lines to the page

# Characters XML 1.0 cannot hold besides the controls textsafe.clean replaces.
_NOT_XML = {0xFFFE: "\ufffd", 0xFFFF: "\ufffd"}


def safe(text: str) -> str:
    """``text`` as XML 1.0 can hold it: control characters (but tab and line feed), lone
    surrogates and U+FFFE/U+FFFF become U+FFFD, which a reader sees."""
    return clean(text).translate(_NOT_XML)


STYLE_TITLE = "Planck Title"
STYLE_SUBTITLE = "Planck Subtitle"
STYLE_CELL = "Planck Cell"
STYLE_CELL_HEAD = "Planck Cell Head"
STYLE_CAPTION = "Planck Caption"
STYLE_NOTE = "Planck Note"


def _fonts(style: ParagraphStyle, east_asia: str, size: float, bold: bool = False) -> None:
    """Latin and East-Asian fonts and size of a style (the theme fonts of Word's built-in
    styles removed, or they would win)."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), FONT_LATIN)
    fonts.set(qn("w:hAnsi"), FONT_LATIN)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), FONT_LATIN)
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = False


def _style(doc: Document, name: str) -> ParagraphStyle:
    return cast(ParagraphStyle, doc.styles[name])


def _paragraph_style(doc: Document, name: str, base: str = "Normal") -> ParagraphStyle:
    style = cast(ParagraphStyle, doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = _style(doc, base)
    return style


def _set_styles(doc: Document) -> None:
    # The template's hundred coloured table styles are unused, and python-docx goes through
    # every style each time a paragraph is given one: without them a long report is faster.
    for style in list(doc.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in ("Normal Table", "Table Grid"):
            style.delete()
    normal = _style(doc, "Normal")
    _fonts(normal, FONT_BODY, BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(2 * BODY_PT)  # two characters
    fmt.widow_control = True
    for level, east_asia in ((1, FONT_HEADING), (2, FONT_SUBHEADING)):
        heading = _style(doc, f"Heading {level}")
        _fonts(heading, east_asia, BODY_PT)
        heading.font.color.rgb = None
        hfmt = heading.paragraph_format
        hfmt.first_line_indent = Pt(2 * BODY_PT) if level == 2 else Pt(0)
        hfmt.space_before = Pt(8 if level == 1 else 4)
        hfmt.space_after = Pt(4 if level == 1 else 0)
        hfmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        hfmt.line_spacing = LINE_PITCH
        hfmt.keep_with_next = True
    title = _paragraph_style(doc, STYLE_TITLE)
    _fonts(title, FONT_TITLE, TITLE_PT)
    tfmt = title.paragraph_format
    tfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tfmt.first_line_indent = Pt(0)
    tfmt.line_spacing = Pt(34)
    tfmt.space_after = Pt(16)
    subtitle = _paragraph_style(doc, STYLE_SUBTITLE)
    sfmt = subtitle.paragraph_format
    sfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sfmt.first_line_indent = Pt(0)
    for name, east_asia, bold in (
        (STYLE_CELL, FONT_TABLE, False),
        (STYLE_CELL_HEAD, FONT_HEADING, False),
    ):
        cell = _paragraph_style(doc, name)
        _fonts(cell, east_asia, TABLE_PT, bold)
        cfmt = cell.paragraph_format
        cfmt.first_line_indent = Pt(0)
        cfmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    caption = _paragraph_style(doc, STYLE_CAPTION)
    _fonts(caption, FONT_BODY, 12)
    cap = caption.paragraph_format
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap.first_line_indent = Pt(0)
    cap.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cap.space_after = Pt(10)
    cap.keep_together = True
    note = _paragraph_style(doc, STYLE_NOTE)
    _fonts(note, FONT_BODY, 12)
    nfmt = note.paragraph_format
    nfmt.first_line_indent = Pt(0)
    nfmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    nfmt.space_after = Pt(4)


def _page_number(paragraph: Paragraph, container_element: object) -> None:
    """'— 1 —' with the number as a PAGE field, in 4号 Latin digits."""
    for text in ("— ", None, " —"):
        if text is None:
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            run = OxmlElement("w:r")
            number = OxmlElement("w:t")
            number.text = "1"
            run.append(number)
            field.append(run)
            # the paragraph's element is the footer's last one, which the field joins
            container_element[-1].append(field)  # type: ignore[index]
            continue
        run = paragraph.add_run(text)
        run.font.size = Pt(FOOTER_PT)
        run.font.name = FONT_LATIN
    for run_element in container_element[-1].iter(qn("w:r")):  # type: ignore[index]
        props = run_element.get_or_add_rPr()
        props.get_or_add_sz().val = Pt(FOOTER_PT)


def _footers(doc: Document) -> None:
    """Page numbers: odd pages on the right, even pages on the left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(FOOTER_PT)
        else:
            fmt.left_indent = Pt(FOOTER_PT)
        _page_number(paragraph, footer.part.element)


def _font_table(doc: Document) -> None:
    """Name the fonts each preferred one falls back to (w:altName), so that Word on a
    machine without 仿宋_GB2312 or 方正小标宋简体 uses FangSong or SimSun."""
    for part in doc.part.package.iter_parts():
        if not str(part.partname).endswith("/fontTable.xml"):
            continue
        element = getattr(part, "element", None)
        if element is None:
            return
        for name, alternatives in FALLBACKS.items():
            font = OxmlElement("w:font")
            font.set(qn("w:name"), name)
            alt = OxmlElement("w:altName")
            alt.set(qn("w:val"), ",".join(alternatives))
            font.append(alt)
            charset = OxmlElement("w:charset")
            charset.set(qn("w:val"), "86")  # GB2312
            font.append(charset)
            element.append(font)


def _element(tag: str, parent: Any = None, **attributes: str) -> Any:
    """A WordprocessingML element (w:…) with w: attributes, appended to ``parent``."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn("w:" + name), value)
    if parent is not None:
        parent.append(element)
    return element


def _row(texts: Sequence[str], twips: Sequence[str], style_id: str, header: bool) -> Any:
    """A table row (w:tr) of one paragraph per cell in the style ``style_id``."""
    row = _element("w:tr")
    props = _element("w:trPr", row)
    _element("w:cantSplit", props)
    if header:
        _element("w:tblHeader", props)
    for text, width in zip(texts, twips, strict=True):
        cell = _element("w:tc", row)
        _element("w:tcW", _element("w:tcPr", cell), w=width, type="dxa")
        paragraph = _element("w:p", cell)
        _element("w:pStyle", _element("w:pPr", paragraph), val=style_id)
        content = _element("w:t", _element("w:r", paragraph))
        content.set(qn("xml:space"), "preserve")
        content.text = safe(text).replace("\n", " ")
    return row


class Writer:
    """A Word document being written, top to bottom."""

    def __init__(self) -> None:
        self.doc = new_document()
        _set_styles(self.doc)
        section = self.doc.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.orientation = WD_ORIENT.PORTRAIT
        self._margins(section)
        _footers(self.doc)
        _font_table(self.doc)
        self.tables = 0
        self.text_width = self._width_of(section)

    @staticmethod
    def _margins(section: object) -> None:
        for side, length in MARGINS.items():
            setattr(section, f"{side}_margin", length)

    @staticmethod
    def _width_of(section: Section) -> Length:
        width = section.page_width or PAGE_WIDTH
        return Length(width - (section.left_margin or 0) - (section.right_margin or 0))

    def orientation(self, landscape: bool) -> None:
        """Go on in a new section on a new page, turned as asked (nothing when it already is)."""
        current = self.doc.sections[-1]
        if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        long, short = PAGE_HEIGHT, PAGE_WIDTH
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        self._margins(section)
        self.text_width = self._width_of(section)

    def title(self, text: str) -> Paragraph:
        return self.doc.add_paragraph(safe(text), style=STYLE_TITLE)

    def subtitle(self, text: str) -> Paragraph:
        return self.doc.add_paragraph(safe(text), style=STYLE_SUBTITLE)

    def heading(self, text: str, level: int = 1) -> Paragraph:
        return cast(Paragraph, self.doc.add_heading(safe(text), level=level))

    def paragraph(self, text: str = "", bold_lead: str = "") -> Paragraph:
        paragraph = self.doc.add_paragraph()
        if bold_lead:
            paragraph.add_run(safe(bold_lead)).bold = True
        paragraph.add_run(safe(text))
        return paragraph

    def note(self, text: str) -> Paragraph:
        return self.doc.add_paragraph(safe(text), style=STYLE_NOTE)

    def caption(self, text: str, above: bool = False) -> Paragraph:
        """A caption; one ``above`` a table stays on the same page as the table."""
        paragraph = self.doc.add_paragraph(safe(text), style=STYLE_CAPTION)
        if above:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(2)
        return paragraph

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        """A grid with a header row repeated on each page and no row split across two pages;
        ``widths`` are shares of the text width, one per column.

        Made as elements: python-docx's add_table() and add_row() look through the whole
        document for each table and cell, which a report of a few hundred places feels."""
        total = sum(widths)
        twips = [str(Length(int(self.text_width * w / total)).twips) for w in widths]
        table = _element("w:tbl")
        props = _element("w:tblPr", table)
        _element("w:tblStyle", props, val=self.doc.styles["Table Grid"].style_id)
        _element("w:tblW", props, w=str(sum(int(t) for t in twips)), type="dxa")
        _element("w:jc", props, val="center")
        _element("w:tblLayout", props, type="fixed")
        grid = _element("w:tblGrid", table)
        for width in twips:
            _element("w:gridCol", grid, w=width)
        head, body = self.doc.styles[STYLE_CELL_HEAD].style_id, self.doc.styles[STYLE_CELL].style_id
        table.append(_row(header, twips, head, header=True))
        for row in rows:
            table.append(_row(row, twips, body, header=False))
        self.doc.element.body.sectPr.addprevious(table)

    def table_number(self) -> int:
        """The number of the next table's caption (表1, 表2, …)."""
        self.tables += 1
        return self.tables

    def picture(self, png: bytes, width_cm: float) -> None:
        paragraph = self.doc.add_paragraph(style=STYLE_CAPTION)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))

    def finish(self, title: str) -> bytes:
        """The document as .docx bytes."""
        self.doc.core_properties.title = safe(title)[:255]
        self.doc.core_properties.author = "planck"
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
