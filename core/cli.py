"""The ``nianbao`` command line (FORMAT.md section 3).

Exit status: 0 success, 1 the checks found errors, 2 the input could not be
read or the arguments are wrong — always with a one-line Chinese message,
never a traceback.  Heavy modules (Qt, openpyxl, reportlab) are imported only
by the command that needs them.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional, Sequence

from . import __version__
from .errors import InputError, one_line

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
COMMANDS = ("new", "dump", "check", "export", "screenshot")


def _parser_class():
    # argparse only for the commands: ``nianbao [FILE]`` goes to the window without it.
    import argparse

    class _Parser(argparse.ArgumentParser):
        """argparse, but its complaints are one Chinese line and exit 2."""

        def error(self, message: str):  # noqa: D401 - argparse API
            raise InputError(f"参数错误：{_translate_argparse(message)}（用 nianbao {self.prog.split()[-1]} --help 查看用法）")

    return _Parser


def _translate_argparse(message: str) -> str:
    replacements = [("the following arguments are required:", "缺少参数"),
                    ("unrecognized arguments:", "无法识别的参数"),
                    ("expected one argument", "需要一个值"),
                    ("invalid int value:", "不是整数："),
                    ("invalid choice:", "无效的选项："),
                    ("argument ", "参数 ")]
    for en, zh in replacements:
        message = message.replace(en, zh)
    return message


def _build_parser():
    _Parser = _parser_class()
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告：填报、校验、导出")
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("new", help="新建年度报告")
    p.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
    p.add_argument("--agency", default="", help="机关名称")
    p.add_argument("--from-last-year", metavar="FILE", help="上年年报（.nianbao/.xlsx/.xls/.docx/.pdf/网页/文本），据此结转")
    p.add_argument("-o", "--output", required=True, metavar="OUT.nianbao", help="输出文件")

    p = sub.add_parser("dump", help="以 JSON 输出报告内容")
    p.add_argument("file")

    p = sub.add_parser("check", help="按规则校验报告")
    p.add_argument("--previous", metavar="FILE", help="上年年报，用于跨年度核对")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件或文件夹（文件夹中的年报、工作簿、Word、PDF、网页、文本逐个核对）")

    p = sub.add_parser("export", help="导出 PDF、Excel、Word 和/或网页")
    p.add_argument("file")
    p.add_argument("--pdf", metavar="OUT.pdf")
    p.add_argument("--xlsx", metavar="OUT.xlsx")
    p.add_argument("--docx", metavar="OUT.docx", help="可编辑的 Word 文档（公文格式），用于审签")
    p.add_argument("--html", metavar="OUT.html", help="网页版，用于政府网站发布")
    p.add_argument("--official-fonts", action="store_true",
                   help="PDF 使用本机安装的公文字体（仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312）")

    p = sub.add_parser("screenshot", help="把程序窗口渲染为 PNG（无需显示器）")
    p.add_argument("file")
    p.add_argument("output", metavar="OUT.png")
    p.add_argument("--tab", type=int, default=1, choices=range(1, 7), metavar="N", help="第几个标签页（1–6）")
    return parser


# -- commands ------------------------------------------------------------------

def cmd_new(args) -> int:
    from .model import FIRST_YEAR, LAST_YEAR, MAX_AGENCY_CHARS, new_report
    from .values import clean_text
    from .reportfile import write_report
    last = None
    if args.from_last_year:
        from .importing import load_report
        last = load_report(args.from_last_year, year=args.year - 1)
    if not (FIRST_YEAR <= args.year <= LAST_YEAR):
        raise InputError(f"参数错误：年度 {args.year} 无效")
    if not args.agency and last is None:
        raise InputError("参数错误：请用 --agency 给出机关名称")
    if clean_text(args.agency)[1]:
        raise InputError("参数错误：--agency 给出的机关名称含有无法识别的字符（可能不是 UTF-8 编码），请重新输入")
    if len(args.agency) > MAX_AGENCY_CHARS:
        raise InputError(f"参数错误：机关名称超过 {MAX_AGENCY_CHARS} 字")
    report = new_report(args.year, args.agency, last)
    _write(lambda: write_report(report, args.output), args.output)
    print(f"已创建 {args.output}：{report.title}")
    return EXIT_OK


def cmd_dump(args) -> int:
    from .importing import load
    from .reportfile import dumps
    loaded = load(args.file)
    sys.stdout.write(dumps(loaded.report))
    for note in loaded.notes:   # stdout stays pure JSON; what the reader has to say goes beside it
        print(f"导入说明：{note}", file=sys.stderr)
    return EXIT_OK


def cmd_check(args) -> int:
    from .batch import check_files
    results = check_files(args.files, previous=args.previous)
    if args.json:
        import json
        print(json.dumps({"reports": [r.to_json() for r in results]}, ensure_ascii=False, indent=1))
    else:
        for r in results:
            # A file that could not be read is an error of the run: its line goes to stderr.
            print(r.render_text(), file=sys.stderr if r.error else sys.stdout)
        if len(results) > 1:
            bad = sum(1 for r in results if r.error)
            print(f"共 {len(results)} 个文件：{sum(1 for r in results if r.has_errors)} 个有错误，"
                  f"{bad} 个无法读取")
    if any(r.error for r in results):
        return EXIT_INPUT
    return EXIT_FINDINGS if any(r.has_errors for r in results) else EXIT_OK


def cmd_export(args) -> int:
    if not (args.pdf or args.xlsx or args.docx or args.html):
        raise InputError("参数错误：请用 --pdf、--xlsx、--docx 或 --html 指定输出文件")
    from .checks import run_checks
    from .importing import load_report
    from .reportfile import atomic_write_bytes
    report = load_report(args.file)
    problem = report.writing_problem()      # every writer: a file that reads back, or none
    if problem:
        raise InputError(f"无法导出：{problem}")
    if args.pdf:
        from .pdf import PdfOptions, export_pdf
        options = PdfOptions.with_installed_official_fonts() if args.official_fonts else None
        data = export_pdf(report, run_checks(report), options)
        _write(lambda: atomic_write_bytes(args.pdf, data, backup=False), args.pdf)
        print(f"已导出 {args.pdf}")
    if args.xlsx:
        from .xlsx.export import export_xlsx
        data = export_xlsx(report)
        _write(lambda: atomic_write_bytes(args.xlsx, data, backup=False), args.xlsx)
        print(f"已导出 {args.xlsx}")
    for path, kind in ((args.docx, "docx"), (args.html, "html")):
        if path:
            from .publish import export_docx, export_html
            data = export_docx(report) if kind == "docx" else export_html(report).encode("utf-8")
            _write(lambda: atomic_write_bytes(path, data, backup=False), path)
            print(f"已导出 {path}")
    return EXIT_OK


def cmd_screenshot(args) -> int:
    from nianbao.gui.app import screenshot
    screenshot(args.file, args.output, tab=args.tab)
    print(f"已保存截图 {args.output}")
    return EXIT_OK


def _write(action, path) -> None:
    from .files import os_error_message
    try:
        action()
    except FileNotFoundError:
        raise InputError(f"无法写入 {path}：文件夹不存在")
    except OSError as exc:
        raise InputError(os_error_message(exc, path))


def _open_window(argv: Sequence[str]) -> int:
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        raise InputError(f"参数错误：无法识别 {' '.join(argv)}（用 nianbao --help 查看用法）")
    from nianbao.gui.app import main as gui_main
    return gui_main(argv[0] if argv else None)


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A console or pipe in a legacy encoding (GBK on a Chinese Windows) cannot show every
        # character a report may hold (U+FFFD, rare names): show "?" rather than crash.
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    try:
        if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
            return _open_window(argv)
        args = _build_parser().parse_args(argv)
        return {"new": cmd_new, "dump": cmd_dump, "check": cmd_check, "export": cmd_export,
                "screenshot": cmd_screenshot}[args.command](args)
    except InputError as exc:
        print(f"nianbao: {one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        print("nianbao: 内存不足，无法完成", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
