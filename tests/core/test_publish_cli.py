"""nianbao export … --docx/--html: written atomically beside --pdf/--xlsx, Chinese one-line errors."""
import io
import zipfile

from tests.core.test_cli import BROKEN, CLEAN, assert_clean_failure, nianbao


def test_export_docx_and_html_together(tmp_path):
    docx, html = tmp_path / "年报.docx", tmp_path / "年报.html"
    out = nianbao("export", CLEAN, "--docx", docx, "--html", html)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [f"已导出 {docx}", f"已导出 {html}"]
    with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as z:
        document = z.read("word/document.xml").decode()
        assert "平潭综合实验区公安局" in document and "2022年政府信息公开工作年度报告" in document
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["年报.docx", "年报.html"]  # no temporary left


def test_export_draft_docx(tmp_path):
    docx = tmp_path / "draft.docx"
    out = nianbao("export", BROKEN, "--docx", docx)
    assert out.returncode == 0, out.stderr
    assert b'string="' in zipfile.ZipFile(docx).read("word/header1.xml")   # the 草稿 watermark


def test_export_needs_an_output_and_a_writable_place(tmp_path):
    assert_clean_failure(nianbao("export", CLEAN))
    out = nianbao("export", CLEAN, "--html", tmp_path / "missing" / "x.html")
    assert_clean_failure(out)
    assert "文件夹不存在" in out.stderr
    out = nianbao("export", CLEAN, "--docx", tmp_path)
    assert_clean_failure(out)
