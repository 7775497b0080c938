"""The fixed parts of the .docx package: content types, styles, settings, font table, watermark.

The styles carry the GB/T 9704 sizes (from ``core/pdf/styles.py``) under the
names Word and WPS show a 文书: 正文 (Normal), 标题 (Title), 标题 1 (Heading1:
the section headings, so that they appear in the navigation pane), the 楷体
run style of a （一） sub-heading, and the table paragraph styles, which leave
the 28.95 pt line grid (``snapToGrid`` off) so that a table row is as tall as
its text.  The font table names each official face with a fallback
(``altName``) that Word and WPS use where it is not installed.
"""
from __future__ import annotations

from ..pdf.styles import BODY_SIZE, TABLE_SIZE, TITLE_SIZE

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word"')
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

CONTENT_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_WML}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_WML}.fontTable+xml"/>'
    f'<Override PartName="/word/header1.xml" ContentType="{_WML}.header+xml"/>'
    f'<Override PartName="/word/header2.xml" ContentType="{_WML}.header+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_WML}.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_WML}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>")

ROOT_RELS = (
    _XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>")

SETTINGS = (
    _XML + f"<w:settings {W_NS}>"
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:evenAndOddHeaders/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    "</w:settings>")

# Official face → (fallback Word/WPS use when it is missing, panose).
FONTS = (
    ("仿宋_GB2312", "仿宋", "02010609030101010101"),
    ("方正小标宋简体", "宋体", "02000000000000000000"),
    ("黑体", "SimHei", "02010609060101010101"),
    ("楷体_GB2312", "楷体", "02010609030101010101"),
    ("宋体", "SimSun", "02010600030101010101"),
)
FONT_TABLE = (
    _XML + f"<w:fonts {W_NS}>"
    + "".join(f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
              '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
              for name, alt, panose in FONTS)
    + '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>'
      '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    + "</w:fonts>")


def _fonts(east_asia: str, latin: str = "Times New Roman") -> str:
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" '
            f'w:cs="{latin}" w:hint="eastAsia"/>')


def _size(points: float) -> str:
    return f'<w:sz w:val="{round(points * 2)}"/><w:szCs w:val="{round(points * 2)}"/>'


# 28 characters to a line (GB/T 9704): 三号 glyphs on a 15.75 pt pitch fill the 156 mm 版心.
_CONDENSED = '<w:spacing w:val="-5"/>'
_LINE = '<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>'
_INDENT = f'<w:ind w:firstLineChars="200" w:firstLine="{round(BODY_SIZE * 40)}"/>'
_NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
_TABLE_PARA = ('<w:snapToGrid w:val="0"/><w:spacing w:before="20" w:after="20" w:line="240" '
               'w:lineRule="auto"/>' + _NO_INDENT)


def _style(kind: str, sid: str, name: str, ppr: str = "", rpr: str = "", based: str = "Normal",
           extra: str = "") -> str:
    base = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>{base}{extra}'
            f'<w:qFormat/>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}'
            f'{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}</w:style>')


_BORDER = ''.join(f'<w:{side} w:val="single" w:sz="{8 if side in ("top", "left", "bottom", "right") else 4}" '
                  f'w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))

STYLES = (
    _XML + f"<w:styles {W_NS}>"
    "<w:docDefaults><w:rPrDefault><w:rPr>" + _fonts("仿宋_GB2312") + '<w:kern w:val="2"/>'
    + _size(BODY_SIZE) + '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    "<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:autoSpaceDE w:val=\"0\"/>"
    "<w:autoSpaceDN w:val=\"0\"/>" + _LINE
    + "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
      f'<w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>{_INDENT}</w:pPr><w:rPr>{_CONDENSED}{_size(BODY_SIZE)}</w:rPr></w:style>'
    + _style("paragraph", "Title", "Title",
             f'<w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="579" w:line="{round(TITLE_SIZE * 30)}" '
             'w:lineRule="exact"/>' + _NO_INDENT + '<w:jc w:val="center"/><w:outlineLvl w:val="9"/>',
             _fonts("方正小标宋简体") + '<w:spacing w:val="0"/>' + _size(TITLE_SIZE))
    + _style("paragraph", "Heading1", "heading 1", '<w:keepNext/><w:outlineLvl w:val="0"/>',
             _fonts("黑体"), extra='<w:next w:val="Normal"/>')
    + _style("paragraph", "FindingsHeading", "Findings Heading",
             '<w:keepNext/>' + _NO_INDENT + '<w:outlineLvl w:val="0"/>', _fonts("黑体"), based="Heading1")
    + _style("character", "Subhead", "Subhead (楷体)", rpr=_fonts("楷体_GB2312"), based="")
    + _style("paragraph", "Signature", "Signature", _NO_INDENT + '<w:jc w:val="right"/>')
    + _style("paragraph", "TableText", "Table Text", _TABLE_PARA + '<w:jc w:val="center"/>',
             _size(TABLE_SIZE))
    + _style("paragraph", "TableLabel", "Table Label", '<w:jc w:val="left"/>', based="TableText")
    + _style("paragraph", "TableGap", "Table Gap",
             '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
             + _NO_INDENT, _size(TABLE_SIZE))
    + _style("paragraph", "Header", "header", '<w:snapToGrid w:val="0"/>' + _NO_INDENT)
    + _style("paragraph", "Footer", "footer",
             '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
             + _NO_INDENT, _fonts("宋体", "宋体") + _size(14.0))
    + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
      '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
      '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
      "</w:tblCellMar></w:tblPr></w:style>"
    + '<w:style w:type="table" w:styleId="FormTable"><w:name w:val="Form Table"/><w:basedOn w:val="TableNormal"/>'
      f'<w:tblPr><w:tblBorders>{_BORDER}</w:tblBorders><w:tblCellMar><w:left w:w="60" w:type="dxa"/>'
      '<w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    + "</w:styles>")

# The 草稿 watermark: the WordArt shape Word itself puts in a header for 水印, rotated 35°
# against the text like the PDF's, light grey and behind the text.
WATERMARK_SHAPE = (
    '<w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{e}"/>' for e in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3",
        "if @0 @3 0", "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5",
        "mid @7 @8", "mid @6 @7", "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/>'
    '</v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="nianbaoDraftMark" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:330pt;height:165pt;rotation:325;'
    "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="#c8c8c8" stroked="f"><v:fill opacity="0.5"/>'
    '<v:textpath style="font-family:&quot;黑体&quot;;font-size:1pt" string="{TEXT}"/>'
    '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict>')
