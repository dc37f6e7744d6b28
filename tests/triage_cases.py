"""Hand-made triage cases: tiny real PDFs, each written by a real producer, built at test time.

Every builder takes a folder and writes one PDF into it, the same bytes on every run where its
producer allows (fixed dates, deterministic ids), and returns its path. The producers are the
ones real review articles come from or pass through: fpdf2 (embedded TrueType subsets under
Identity-H), reportlab (the predefined CID fonts of Acrobat's Asian font packs, not embedded),
a hand-written content stream under a GBK CMap (pikepdf), headless Chromium (Skia, which sets
CFF fonts such as Noto Sans CJK as Type3 fonts), and Tesseract's PDF renderer (an invisible
text layer over a page image). Damaged cases take a clean fpdf2 PDF and rewrite one thing in
it with pikepdf: the font's ToUnicode map, or where the page content lives.

    python tests/triage_cases.py OUTDIR     # writes every case to OUTDIR, to look at them
"""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytesseract
from fpdf import FPDF
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from generate import cmap_entries, write_cmap  # noqa: E402  (the fixtures' own CMap tools)

ZENHEI = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0)  # has kana as well as hanzi
UMING = ("/usr/share/fonts/truetype/arphic/uming.ttc", 0)
LATIN = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)

HEADING = "肝转移的外科治疗"  # 8 glyphs, the only text on its page
SIGNATURE = "通讯作者：王建国"  # a signature line, 7 hanzi and a colon
SIMPLIFIED = (
    "乳腺癌是全世界女性最常见的恶性肿瘤，肝脏是乳腺癌最常见的远处转移部位之一。"
    "约有一半的转移性乳腺癌患者在病程中出现肝转移，未经治疗者的中位生存期仅数月。"
    "过去认为肝转移属于全身性疾病，治疗以全身化疗和内分泌治疗为主。"
    "近年来，随着外科技术与影像学的进步，部分经过严格筛选的患者可从肝切除术中获益，"
    "五年总生存率明显提高。本文综述国内外相关研究的进展。"
)
TRADITIONAL = (
    "乳腺癌是全世界女性最常見的惡性腫瘤，肝臟是乳腺癌最常見的遠處轉移部位之一。"
    "約有一半的轉移性乳腺癌患者在病程中出現肝轉移，未經治療者的中位生存期僅數月。"
    "過去認為肝轉移屬於全身性疾病，治療以全身化療和內分泌治療為主。"
    "近年來，隨著外科技術與影像學的進步，部分經過嚴格篩選的患者可從肝切除術中獲益，"
    "五年總生存率明顯提高。本文綜述國內外相關研究的進展。"
)
JAPANESE = (
    "乳がんは世界中の女性に最も多い悪性腫瘍であり、肝臓は乳がんの遠隔転移が最も起こりやすい"
    "部位の一つである。転移性乳がん患者の約半数が経過中に肝転移を生じ、無治療の場合の生存期間"
    "中央値はわずか数か月とされる。従来、肝転移は全身疾患と考えられ、化学療法や内分泌療法が"
    "治療の中心であった。近年、画像診断と手術手技の進歩により、厳密に選択された患者では肝切除に"
    "よって五年生存率が改善することが報告されている。"
)
# Rich in 生, 日 and 黄, which case 8 maps to Kangxi radical code points.
KANGXI_TEXT = (
    "日本与中国患者的生存率比较：黄疸是肝转移患者常见的症状之一，出现黄疸者的中位生存期较短。"
    "日本的一项研究随访至二〇一八年十二月三十一日，术后一年、三年、五年生存率分别为"
    "百分之九十、百分之六十和百分之四十；黄疸患者的生存率较低。每日记录生命体征，"
    "生活质量评分于术前一日与术后第七日测定。"
)
ENGLISH_TABLE = [
    ["Study", "Year", "n", "Treatment", "Median OS", "5-year OS"],
    ["Sadot", "2016", "69 vs. 98", "HR/RFA vs. ST", "50 vs. 45", "38 vs. 39"],
    ["Ruiterkamp", "2017", "40", "HR", "53", "42"],
    ["Mariani", "2013", "51 vs. 51", "HR vs. ST", "41 vs. 27", "32 vs. 20"],
    ["Margonis", "2016", "131", "HR", "51", "35"],
    ["Sabol", "2019", "84", "HR", "44", "31"],
    ["Kümler", "2020", "59", "RFA", "47", "33"],
]


def _fpdf() -> FPDF:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(DATE)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


def _fpdf_text(text: str, font: tuple[str, int] = ZENHEI, size: float = 12) -> bytes:
    """One page of CJK text, wrapped at any character, in an embedded TrueType subset."""
    pdf = _fpdf()
    pdf.add_font("cjk", fname=font[0], collection_font_number=font[1])
    pdf.set_font("cjk", size=size)
    pdf.set_xy(72, 72)
    pdf.multi_cell(450, size * 1.6, text, wrapmode="CHAR")
    return bytes(pdf.output())


def _save(pdf: pikepdf.Pdf, path: Path) -> Path:
    pdf.save(path, deterministic_id=True)
    return path


# --- ToUnicode maps ---------------------------------------------------------------------------


def remap(clean: bytes, path: Path, change: Callable[[int, str], str]) -> Path:
    """``clean`` with every Type0 font's ToUnicode entry ``code -> text`` set to ``change``'s."""
    pdf = pikepdf.open(io.BytesIO(clean))
    for page in pdf.pages:
        for _, font in page.Resources.Font.items():
            if font.get("/Subtype") == "/Type0" and "/ToUnicode" in font:
                entries = cmap_entries(bytes(font.ToUnicode.read_bytes()))
                entries = {code: change(code, s) for code, s in entries.items()}
                font.ToUnicode = pdf.make_stream(write_cmap(entries))
    return _save(pdf, path)


def is_han(s: str) -> bool:
    return len(s) == 1 and "\u4e00" <= s <= "\u9fff"


# --- the cases --------------------------------------------------------------------------------


def heading(out: Path) -> Path:
    """1. A page holding one heading line of 8 correct hanzi, nothing else."""
    path = out / "heading.pdf"
    path.write_bytes(_fpdf_text(HEADING, size=18))
    return path


def signature(out: Path) -> Path:
    """1b. A page holding one signature line (7 hanzi and a full-width colon)."""
    path = out / "signature.pdf"
    path.write_bytes(_fpdf_text(SIGNATURE, font=UMING))
    return path


def japanese(out: Path) -> Path:
    """2. A paragraph of Japanese: kana with kanji (shinjitai such as 転, 検)."""
    path = out / "japanese.pdf"
    path.write_bytes(_fpdf_text(JAPANESE))
    return path


def _reportlab_cid(path: Path, face: str, encoding: str, text: str) -> Path:
    """``text`` in one of reportlab's built-in CID fonts under the predefined CMap ``encoding``.

    reportlab picks the CMap from the face (and names UniGB-UCS2-H for MSung-Light, an
    Adobe-CNS1 font, so that a reader maps its codes to the wrong CIDs); the CMap is set here.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import CIDEncoding, UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = UnicodeCIDFont(face)
    font.encodingName, font.encoding = encoding, CIDEncoding(encoding)
    pdfmetrics.registerFont(font)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont(face, 12)
    y = 770.0
    for i in range(0, len(text), 36):
        c.drawString(72, y, text[i : i + 36])
        y -= 20
    c.showPage()
    c.save()
    return path


def traditional_cns(out: Path) -> Path:
    """3. Traditional Chinese in reportlab's MSung-Light under UniCNS-UCS2-H, not embedded."""
    return _reportlab_cid(out / "traditional-cns.pdf", "MSung-Light", "UniCNS-UCS2-H", TRADITIONAL)


def reportlab_default_cns(out: Path) -> Path:
    """3b. MSung-Light as reportlab writes it by default: under UniGB-UCS2-H, an Adobe-GB1
    CMap over an Adobe-CNS1 font, so that a reader that follows the CMap (pdfminer) maps each
    code to a wrong CID and reads other hanzi than those printed (湄鄗夙詛棠註): mojibake."""
    from reportlab.pdfbase.cidfonts import defaultUnicodeEncodings

    _lang, encoding = defaultUnicodeEncodings["MSung-Light"]
    return _reportlab_cid(out / "reportlab-default-cns.pdf", "MSung-Light", encoding, TRADITIONAL)


def simplified_ucs2(out: Path) -> Path:
    """4a. Simplified Chinese in reportlab's STSong-Light under UniGB-UCS2-H, not embedded."""
    return _reportlab_cid(out / "simplified-ucs2.pdf", "STSong-Light", "UniGB-UCS2-H", SIMPLIFIED)


def simplified_gbk(out: Path) -> Path:
    """4b. Simplified Chinese under the predefined CMap GBK-EUC-H, content stream by hand.

    A Type0 font with Encoding /GBK-EUC-H over a CIDFontType0 of Adobe-GB1 ordering, not
    embedded (a reader substitutes a system Song face); the shown strings are GBK bytes (one
    byte for ASCII, two for a hanzi), as Chinese typesetting software of the 2000s wrote them.
    """
    pdf = pikepdf.new()
    descriptor = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/STSong-Light"),
            Flags=6, FontBBox=[-25, -254, 1000, 880], ItalicAngle=0, Ascent=880,
            Descent=-120, CapHeight=880, StemV=93,
        )
    )  # fmt: skip
    cid_font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType0,
            BaseFont=pikepdf.Name("/STSong-Light"),
            CIDSystemInfo=pikepdf.Dictionary(
                Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("GB1"), Supplement=2
            ),
            FontDescriptor=descriptor, DW=1000,
        )
    )  # fmt: skip
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/STSong-Light-GBK-EUC-H"),
            Encoding=pikepdf.Name("/GBK-EUC-H"), DescendantFonts=[cid_font],
        )
    )  # fmt: skip
    lines = [SIMPLIFIED[i : i + 36] for i in range(0, len(SIMPLIFIED), 36)]
    ops = [b"BT", b"/F1 12 Tf", b"20 TL", b"72 770 Td"]
    for line in lines:
        ops.append(b"<" + line.encode("gbk").hex().upper().encode() + b"> Tj T*")
    ops.append(b"ET")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(b"\n".join(ops)),
    )  # fmt: skip
    pdf.pages.append(pikepdf.Page(page))
    return _save(pdf, out / "simplified-gbk.pdf")


JUNK = "佛釉臼莽"


def _junk(code: int, s: str) -> str:
    """Most hanzi glyphs to 佛, the rest to 釉, 臼 or 莽; other glyphs keep their value."""
    return (JUNK[0] if code % 5 else JUNK[1 + code // 5 % 3]) if is_han(s) else s


def junk_map(out: Path) -> Path:
    """5. A broken font: its ToUnicode map sends every hanzi glyph to one of 4 hanzi, as in the
    real damaged maps that print ``佛佛佛佛`` and ``釉釉釉``; punctuation keeps its value."""
    return remap(_fpdf_text(SIMPLIFIED * 2), out / "junk-map.pdf", _junk)


def junk_quarter(out: Path) -> Path:
    """5b. The same damage on a quarter of the glyphs: every fourth glyph id of the font goes
    to one of the 4 hanzi, the rest are right. Dictionary words still explain half the text;
    the pairs the junk hanzi make with their neighbours (常佛, 佛全) are written nowhere."""

    def change(code: int, s: str) -> str:
        if not is_han(s) or code % 4:
            return s
        return JUNK[0] if code % 5 else JUNK[1 + code % 7 % 3]

    return remap(_fpdf_text(SIMPLIFIED * 2), out / "junk-quarter.pdf", change)


ABSTRACT = (
    "Abstract: Liver metastasis occurs in about half of the patients with metastatic breast "
    "cancer. Surgical resection of liver metastases has long been debated. We review recent "
    "studies of hepatectomy, radiofrequency ablation and transarterial therapy, compare "
    "overall survival between surgical and systemic treatment, and discuss how patients are "
    "selected for local treatment."
)
TITLE_ZH = "乳腺癌肝转移手术治疗的国内外研究进展"
KEYWORDS_ZH = "关键词：乳腺癌；肝转移；肝切除术；生存率"


def junk_runs(out: Path) -> Path:
    """5c. A bilingual abstract page: an English abstract (good) under a Chinese title and
    keywords set in the broken font of case 5, so that fewer than 40 hanzi stand on the page,
    most of them in runs of one repeated glyph (``佛佛佛釉佛``)."""
    pdf = _fpdf()
    pdf.add_font("cjk", fname=ZENHEI[0], collection_font_number=ZENHEI[1])
    pdf.add_font("latin", fname=LATIN)
    pdf.set_font("cjk", size=16)
    pdf.set_xy(72, 72)
    pdf.cell(450, 24, TITLE_ZH)
    pdf.set_font("latin", size=11)
    pdf.set_xy(72, 110)
    pdf.multi_cell(450, 15, ABSTRACT)
    pdf.set_font("cjk", size=11)
    pdf.set_xy(72, pdf.get_y() + 10)
    pdf.cell(450, 15, KEYWORDS_ZH)
    return remap(bytes(pdf.output()), out / "junk-runs.pdf", _junk)


def form_xobject(out: Path) -> Path:
    """6. The page's whole content moved into a Form XObject, which the page draws with Do."""
    pdf = pikepdf.open(io.BytesIO(_fpdf_text(SIMPLIFIED)))
    page = pdf.pages[0]
    page.contents_coalesce()
    form = pdf.make_stream(
        page.Contents.read_bytes(),
        Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
        BBox=list(page.MediaBox), Resources=page.Resources,
    )  # fmt: skip
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm0=form))
    page.Contents = pdf.make_stream(b"q /Fm0 Do Q")
    return _save(pdf, out / "form-xobject.pdf")


def chromium_available() -> bool:
    return shutil.which("chromium") is not None and NOTO_CJK.exists()


def chromium_type3(out: Path) -> Path:
    """7. Headless Chromium printing HTML set in Noto Sans CJK SC: Skia writes Type3 fonts.

    Skia's ToUnicode also maps some hanzi of Noto's (手, 长, 生, 日) to the Kangxi radical or
    radical-supplement code point that shares the glyph (⼿, ⻓, ⽣, ⽇).
    """
    html = out / "type3.html"
    html.write_text(
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        'body{font-family:"Noto Sans CJK SC";font-size:12pt;margin:2cm}</style></head><body>'
        f"<h1>乳腺癌肝转移手术治疗的研究进展</h1><p>{SIMPLIFIED}</p></body></html>",
        encoding="utf-8",
    )
    path = out / "chromium-type3.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={path}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return path


KANGXI = {"生": "\u2f63", "日": "\u2f47", "黄": "\u2ee9"}  # ⽣ ⽇ ⻩


def kangxi(out: Path) -> Path:
    """8. A font whose map sends 生, 日 and 黄 to the Kangxi radical / radical-supplement code
    points of the same glyph (U+2F63, U+2F47, U+2EE9), as some CJK fonts' maps do."""
    return remap(_fpdf_text(KANGXI_TEXT), out / "kangxi.pdf", lambda _code, s: KANGXI.get(s, s))


def _english_table_pdf() -> bytes:
    pdf = _fpdf()
    pdf.add_font("latin", fname=LATIN)
    pdf.set_font("latin", size=14)
    pdf.set_xy(60, 80)
    pdf.cell(0, 20, "Table 1 Surgical treatment of breast cancer liver metastases")
    pdf.set_font("latin", size=11)
    widths = [90, 45, 70, 110, 80, 80]
    y = 120.0
    for row in ENGLISH_TABLE:
        x = 60.0
        for text, w in zip(row, widths, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(w, 22, text, border=1)
            x += w
        y += 22
    return bytes(pdf.output())


SCAN_DPI = 300


def tesseract_english_table(out: Path) -> Path:
    """9. An English table page, printed, scanned at 300 dpi and OCR'd by Tesseract ``eng``:
    the page image under Tesseract's invisible text layer (text render mode 3)."""
    page = pdfium.PdfDocument(_english_table_pdf())[0]
    img = page.render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(SCAN_DPI, SCAN_DPI))
    scan = Image.open(io.BytesIO(buf.getvalue()))
    path = out / "tesseract-english-table.pdf"
    path.write_bytes(pytesseract.image_to_pdf_or_hocr(scan, lang="eng", extension="pdf"))
    return path


def background_image(out: Path) -> Path:
    """A typeset page over a full-page background image (a journal's page template): the text
    is visible and the author's, so the image alone must not make it a scan's OCR layer."""
    pdf = _fpdf()
    tint = Image.new("RGB", (595, 842), (250, 246, 236))
    pdf.image(tint, x=0, y=0, w=595.28, h=841.89)
    pdf.add_font("cjk", fname=ZENHEI[0], collection_font_number=ZENHEI[1])
    pdf.set_font("cjk", size=12)
    pdf.set_xy(72, 72)
    pdf.multi_cell(450, 19, SIMPLIFIED, wrapmode="CHAR")
    path = out / "background-image.pdf"
    path.write_bytes(bytes(pdf.output()))
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "heading": heading,
    "signature": signature,
    "japanese": japanese,
    "traditional_cns": traditional_cns,
    "simplified_ucs2": simplified_ucs2,
    "simplified_gbk": simplified_gbk,
    "reportlab_default_cns": reportlab_default_cns,
    "junk_map": junk_map,
    "junk_quarter": junk_quarter,
    "junk_runs": junk_runs,
    "form_xobject": form_xobject,
    "chromium_type3": chromium_type3,
    "kangxi": kangxi,
    "tesseract_english_table": tesseract_english_table,
    "background_image": background_image,
}


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for name, build in CASES.items():
        print(name, build(target))
