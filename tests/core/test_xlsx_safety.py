"""An imported workbook is somebody else's: refuse bombs, macros, encryption and garbage with one Chinese line."""
import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.core.errors import InputError
from nianbao.core.importing import load_bytes
from nianbao.core.reportfile import read_report
from nianbao.core.xlsx import safety
from nianbao.core.xlsx.export import export_xlsx
from nianbao.core.xlsx.read import ImportResult, read_workbook
from tests.core.xlsx_layouts import official_one_sheet, sample_report

ROOT = Path(__file__).resolve().parents[2]
EXPORT = export_xlsx(read_report(ROOT / "resources" / "samples" / "pingtan-gonganju-2022.nianbao"))
XLS = (ROOT / "tests" / "data" / "xlsx" / "layout-official-variants.xls").read_bytes()


def refused(data: bytes, name: str = "f.xlsx") -> str:
    with pytest.raises(InputError) as err:
        read_workbook(data, name)
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def rezip(data: bytes, change) -> bytes:
    """The same workbook with its members passed through ``change(name, bytes) -> bytes | None``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change(info.filename, src.read(info))
            if body is not None:
                dst.writestr(info.filename, body)
    return out.getvalue()


def bomb(member_bytes: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/sharedStrings.xml", b"\0" * member_bytes)
    return out.getvalue()


@pytest.mark.parametrize("size", [60 * 1024 * 1024, 3 * 1024 * 1024], ids=["huge", "ratio"])
def test_a_zip_bomb_is_refused_from_its_directory_without_inflating_it(size):
    data = bomb(size)
    assert len(data) < size // 500
    tracemalloc.start()
    try:
        message = refused(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "恶意构造的压缩包" in message
    assert peak < 4 * 1024 * 1024, "refused before anything was decompressed"


def test_a_zip_that_lies_about_its_sizes_fails_cleanly():
    data = bytearray(bomb(8 * 1024 * 1024))
    # Declare the big member as 1 000 bytes in both its local header and the central directory.
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = -1
        while (at := data.find(sig, at + 1)) >= 0:
            name_len_at = 26 if sig == b"PK\x03\x04" else 28
            (name_len,) = struct.unpack_from("<H", data, at + name_len_at)
            head = 30 if sig == b"PK\x03\x04" else 46
            if data[at + head:at + head + name_len] == b"xl/sharedStrings.xml":
                struct.pack_into("<I", data, at + offset, 1000)
    tracemalloc.start()
    try:
        refused(bytes(data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_a_macro_enabled_workbook_is_refused():
    xlsm = rezip(EXPORT, lambda n, b: b.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml") if n == "[Content_Types].xml" else b)
    assert "启用宏" in refused(xlsm, "报表.xlsx")
    with_vba = rezip(EXPORT, lambda n, b: b)
    z = io.BytesIO(with_vba)
    with zipfile.ZipFile(z, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\0" * 100)
    assert "宏" in refused(z.getvalue())


def test_an_encrypted_workbook_is_refused_with_a_clear_message():
    # What Excel writes for a password-protected .xlsx: an OLE file whose streams are
    # EncryptionInfo and EncryptedPackage instead of a Workbook.
    fake = safety.OLE_MAGIC + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 600
    assert "已加密" in refused(fake, "加密.xlsx")


@pytest.mark.parametrize("members, expected", [
    ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}, ".ods"),
    ({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}, "不是 Excel 工作簿"),
])
def test_other_zips_are_named_for_what_they_are(members, expected):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in members.items():
            z.writestr(name, body)
    assert expected in refused(out.getvalue())


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04", b"PK\x03\x04" + b"\0" * 100, safety.OLE_MAGIC + b"\0" * 50,
                                  b"hello, this is text", EXPORT[: len(EXPORT) // 2], XLS[:4000]])
def test_garbage_and_truncated_files_are_one_line_input_errors(data):
    with pytest.raises(InputError) as err:
        load_bytes(data, "坏文件.xlsx")
    assert "\n" not in str(err.value)


def _read_or_refuse(data: bytes, name: str) -> None:
    try:
        result = read_workbook(data, name)
    except InputError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(result, ImportResult)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.integers(0, len(EXPORT)))
def test_fuzz_truncated_exports(cut):
    _read_or_refuse(EXPORT[:cut], "cut.xlsx")


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(EXPORT) - 1), st.integers(0, 255)), min_size=1, max_size=20))
def test_fuzz_mutated_export_bytes(edits):
    data = bytearray(EXPORT)
    for at, byte in edits:
        data[at] = byte
    _read_or_refuse(bytes(data), "mutated.xlsx")


HAND_MADE = official_one_sheet(sample_report())       # read by its labels, not by name
SOURCES = [(src, i.filename) for src in (EXPORT, HAND_MADE)
           for i in zipfile.ZipFile(io.BytesIO(src)).infolist()]


@FUZZ
@given(st.sampled_from(SOURCES), st.data())
def test_fuzz_mutated_xml_inside_a_valid_zip(source, data):
    workbook, member = source
    body = zipfile.ZipFile(io.BytesIO(workbook)).read(member)
    edits = data.draw(st.lists(st.tuples(st.integers(0, max(0, len(body) - 1)), st.binary(min_size=0, max_size=8)),
                               min_size=1, max_size=6))
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(body))))

    def change(name, b):
        if name != member:
            return b
        b = bytearray(b)
        for at, chunk in edits:
            b[at:at + len(chunk)] = chunk
        return bytes(b[:cut] if cut is not None else b)
    _read_or_refuse(rezip(workbook, change), "mutated.xlsx")


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(XLS) - 1), st.integers(0, 255)), min_size=1, max_size=20))
def test_fuzz_mutated_xls_bytes(edits):
    data = bytearray(XLS)
    for at, byte in edits:
        data[at] = byte
    _read_or_refuse(bytes(data), "mutated.xls")


def test_thousands_of_sheet_sized_merges_do_not_stall_the_reader():
    # A hostile sheet declaring 20 000 overlapping merges over the whole scanned area.
    merges = "".join(f'<mergeCell ref="A1:BH{400 - i % 7}"/>' for i in range(20000))
    def change(name, body):
        if name == "xl/worksheets/sheet1.xml":
            return body.replace(b"</sheetData>", b"</sheetData><mergeCells count=\"20000\">"
                                + merges.encode() + b"</mergeCells>", 1) if b"<mergeCells" not in body \
                else body.replace(b"</mergeCells>", merges.encode() + b"</mergeCells>", 1)
        return body
    hostile = rezip(HAND_MADE, change)
    tracemalloc.start()
    try:
        _read_or_refuse(hostile, "merges.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024
