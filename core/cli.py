"""The ``nianbao`` command line (FORMAT.md section 3).

Exit status: 0 success, 1 the checks found errors, 2 the input could not be
read or the arguments are wrong — always with a one-line Chinese message,
never a traceback.  Heavy modules (Qt, openpyxl, reportlab) are imported only
by the command that needs them.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import List, Optional, Sequence

from . import __version__
from .errors import InputError, one_line

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2
COMMANDS = ("new", "dump", "check", "export", "screenshot")


EPILOG = """不带命令时打开窗口：nianbao [文件]（文件可省略，可为年报文件、工作簿、Word、PDF、网页或文本）。

退出码：0 成功；1 校验发现错误；2 无法读取输入或参数有误。"""


def _parser_class():
    # argparse only for the commands: ``nianbao [FILE]`` goes to the window without it.
    import argparse

    class _Formatter(argparse.RawDescriptionHelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):
            super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    class _Parser(argparse.ArgumentParser):
        """argparse in Chinese: its headings and help are Chinese, its complaints one line and exit 2."""

        def __init__(self, *args, **kwargs):
            kwargs.setdefault("formatter_class", _Formatter)
            kwargs["add_help"] = False
            super().__init__(*args, **kwargs)
            self._positionals.title = "位置参数"
            self._optionals.title = "选项"
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

        def error(self, message: str):  # noqa: D401 - argparse API
            raise InputError(f"参数错误：{_translate_argparse(message)}（用 {self.prog} --help 查看用法）")

    return _Parser


def _translate_argparse(message: str) -> str:
    message = re.sub(r" ?\(choose from (.*)\)$", lambda m: f"（可选：{m.group(1).replace(chr(39), '')}）", message)
    message = re.sub(r"^argument ([^:]+): ", r"参数 \1：", message)
    replacements = [("the following arguments are required:", "缺少参数"),
                    ("unrecognized arguments:", "无法识别的参数"),
                    ("expected one argument", "需要一个值"),
                    ("invalid int value: ", "不是整数："),
                    ("invalid choice: ", "无效的值："),
                    ("ambiguous option:", "选项不明确："),
                    ("could match", "可能是"),
                    ("ignored explicit argument", "不接受值"),
                    ("argument ", "参数 ")]
    for en, zh in replacements:
        message = message.replace(en, zh)
    return message


def _build_parser():
    _Parser = _parser_class()
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告：填报、校验、导出", epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, title="命令", metavar="命令",
                                help="nianbao 命令 --help 查看各命令的用法")

    p = sub.add_parser("new", help="新建年度报告")
    p.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
    p.add_argument("--agency", default="", help="机关名称")
    p.add_argument("--from-last-year", metavar="FILE", help="上年年报（.nianbao/.xlsx/.xls/.docx/.pdf/网页/文本），据此结转")
    p.add_argument("-o", "--output", required=True, metavar="OUT.nianbao", help="输出文件")

    p = sub.add_parser("dump", help="以 JSON 输出报告内容")
    p.add_argument("file", metavar="FILE", help="报告文件（年报文件、工作簿、Word、PDF、网页或文本）")

    p = sub.add_parser("check", help="按规则校验报告")
    p.add_argument("--previous", metavar="FILE", help="上年年报，用于跨年度核对")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("files", nargs="+", metavar="FILE", help="报告文件或文件夹（文件夹中的年报、工作簿、Word、PDF、网页、文本逐个核对）")

    p = sub.add_parser("export", help="导出 PDF、Excel、Word 和/或网页")
    p.add_argument("file", metavar="FILE", help="报告文件（年报文件、工作簿、Word、PDF、网页或文本）")
    p.add_argument("--pdf", metavar="OUT.pdf", help="PDF（公文格式，有错误时为带“草稿”水印的草稿）")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="Excel 工作簿（与官方格式一致，可再导入）")
    p.add_argument("--docx", metavar="OUT.docx", help="可编辑的 Word 文档（公文格式），用于审签")
    p.add_argument("--html", metavar="OUT.html", help="网页版，用于政府网站发布")
    p.add_argument("--official-fonts", action="store_true",
                   help="PDF 使用本机安装的公文字体（仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312）")

    p = sub.add_parser("screenshot", help="把程序窗口渲染为 PNG（无需显示器）")
    p.add_argument("file", metavar="FILE", help="报告文件")
    p.add_argument("output", metavar="OUT.png", help="输出的 PNG 图片")
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
    args.status = (EXIT_INPUT if any(r.error for r in results)
                   else EXIT_FINDINGS if any(r.has_errors for r in results) else EXIT_OK)
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
    return args.status


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
    findings = run_checks(report)
    if args.pdf:
        from .pdf import PdfOptions, render_pdf
        options = PdfOptions.with_installed_official_fonts() if args.official_fonts else None
        result = render_pdf(report, findings, options)
        _write(lambda: atomic_write_bytes(args.pdf, result.data, backup=False), args.pdf)
        print(f"已导出 {args.pdf}" + ("（草稿）" if result.draft else ""))
        for note in result.notes:       # why it is a draft, a missing date, substituted fonts
            print(f"nianbao: {note}", file=sys.stderr)
    if args.xlsx:
        from .xlsx.draft import draft_line, is_draft
        from .xlsx.export import export_xlsx
        data = export_xlsx(report, findings)
        _write(lambda: atomic_write_bytes(args.xlsx, data, backup=False), args.xlsx)
        print(f"已导出 {args.xlsx}" + ("（草稿）" if is_draft(findings) else ""))
        if is_draft(findings):
            print(f"nianbao: {args.xlsx} 标为{draft_line(findings)}", file=sys.stderr)
    for path, kind in ((args.docx, "docx"), (args.html, "html")):
        if path:
            from .publish import export_docx, export_html
            data = export_docx(report) if kind == "docx" else export_html(report).encode("utf-8")
            _write(lambda: atomic_write_bytes(path, data, backup=False), path)
            print(f"已导出 {path}")
    return EXIT_OK


def cmd_screenshot(args) -> int:
    if Path(args.output).suffix.lower() != ".png":
        raise InputError(f"参数错误：截图只能保存为 PNG 图片，请用 .png 结尾的文件名（而不是 {args.output}）")
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


def _unknown_command(word: str) -> Optional[str]:
    """Why ``word`` (not a command) cannot be a file to open either, or None if it may be one."""
    if Path(word).exists() or any(c in word for c in "./\\:") or not word.isascii():
        return None      # a file (a missing one is named by the window) or a path
    import difflib
    close = difflib.get_close_matches(word.lower(), COMMANDS, n=1, cutoff=0.6)
    hint = f"是否要输入 {close[0]}？" if close else f"可用的命令：{'、'.join(COMMANDS)}。"
    return f"参数错误：没有命令 {word}，也没有名为 {word} 的文件。{hint}（用 nianbao --help 查看用法）"


def _open_window(argv: Sequence[str]) -> int:
    if argv and not argv[0].startswith("-"):
        problem = _unknown_command(argv[0])
        if problem:
            raise InputError(problem)
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        raise InputError(f"参数错误：无法识别 {' '.join(argv)}（用 nianbao --help 查看用法）")
    from nianbao.gui.app import main as gui_main
    return gui_main(argv[0] if argv else None)


def _drop_stdout() -> None:
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())   # the interpreter's last flush must not fail again
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A console or pipe in a legacy encoding (GBK on a Chinese Windows) cannot show every
        # character a report may hold (U+FFFD, rare names): show "?" rather than crash.
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    args = None
    try:
        if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
            return _open_window(argv)
        args = _build_parser().parse_args(argv)
        status = {"new": cmd_new, "dump": cmd_dump, "check": cmd_check, "export": cmd_export,
                  "screenshot": cmd_screenshot}[args.command](args)
        sys.stdout.flush()      # here, so that a closed pipe is seen while the status is known
        return status
    except InputError as exc:
        print(f"nianbao: {one_line(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away: the rest of the output is dropped, the status is kept.
        _drop_stdout()
        return getattr(args, "status", EXIT_OK)
    except MemoryError:
        print("nianbao: 内存不足，无法完成", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
