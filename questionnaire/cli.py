"""The command line: a thin shell over the core. Exit 0 success, 1 a finding, 2 bad input or usage."""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from questionnaire.errors import UserError
from questionnaire.text import one_line

EXIT_OK, EXIT_FINDING, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: one plain line, exit 2
        self.print_usage(sys.stderr)
        raise UserError(message)


def _parser() -> argparse.ArgumentParser:
    from questionnaire import __version__

    parser = _Parser(prog="openness", description="Find out, and declare, how open an AI model release is.")
    parser.add_argument("--version", action="version", version=f"openness {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    classify = commands.add_parser("classify", help="classify declarations, answers files or MOT records")
    classify.add_argument("paths", nargs="+", metavar="PATH", help="a declaration or answers TOML, or a MOT YAML")
    classify.add_argument("--json", action="store_true", help="print JSON (one object, or an array for several)")

    declare = commands.add_parser("declare", help="write a declaration from answers or a MOT record, without the app")
    declare.add_argument("source", metavar="SOURCE", help="an answers TOML or a MOT YAML")
    declare.add_argument("-o", "--output", required=True, metavar="OUT.toml", help="where to write the declaration")
    declare.add_argument("--force", action="store_true", help="replace OUT.toml if it exists")

    check = commands.add_parser("check", help="validate a declaration and recompute its classification")
    check.add_argument("path", metavar="DECL.toml")

    lint = commands.add_parser("lint", help="check a question bank folder")
    lint.add_argument("directory", nargs="?", metavar="DIR", help="the bank folder (default: the shipped bank)")
    return parser


def _out(text: str) -> None:
    sys.stdout.write(text)


def _err(text: str) -> None:
    sys.stderr.write(f"openness: {text}\n")


def cmd_classify(paths: list[str], as_json: bool) -> int:
    import json

    from questionnaire import loading, report
    from questionnaire.rules import classify

    results, failed = [], False
    for path in paths:
        try:
            source = loading.load(path)
        except UserError as error:
            _err(one_line(error))
            failed = True
            continue
        result = classify(source.answers)
        name = str(source.answers.get("identity.name", ""))
        if as_json:
            results.append(report.as_dict(result, source=path, name=name, warnings=source.warnings))
        else:
            if results:
                _out("\n")
            results.append(path)
            _out(report.as_text(result, source=path, name=name, warnings=source.warnings))
    if as_json and results:
        if len(paths) == 1:
            _out(json.dumps(results[0], indent=2, ensure_ascii=False) + "\n")
        else:  # one object a line: compact, and json's fast encoder only runs without indent
            _out("[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in results) + "\n]\n")
    return EXIT_BAD_INPUT if failed else EXIT_OK


def cmd_declare(source_path: str, output: str, force: bool) -> int:
    from questionnaire import declaration, loading

    source = loading.load(source_path)
    decl = declaration.build(source.answers, sources=source.sources)
    written = declaration.write(decl, output, force=force)
    for warning in source.warnings:
        _err(f"warning: {one_line(source_path)}: {one_line(warning)}")
    _out(f"Wrote {one_line(written)}: {decl.classification.tier}\n")
    return EXIT_OK


def cmd_check(path: str) -> int:
    from questionnaire import declaration, loading

    source = loading.load(path)
    if source.kind != "declaration":
        raise UserError(f"is {'an answers file' if source.kind == 'answers' else 'a MOT record'}, not a declaration; "
                        "make one with `openness declare`", path=path)
    stored = source.declaration
    fresh = declaration.build(source.answers, generated_at=stored.classification.generated_at, sources=source.sources)
    problems = declaration.differences(stored.classification, fresh.classification)
    if problems:
        for problem in problems:
            _err(f"{one_line(path)}: {problem}")
        return EXIT_FINDING
    _out(f"{one_line(path)}: valid; tier {stored.classification.tier} matches the answers\n")
    return EXIT_OK


def cmd_lint(directory: str | None) -> int:
    from pathlib import Path

    from questionnaire.lint import lint_bank

    if directory is not None and not Path(directory).is_dir():
        raise UserError("is not a folder" if Path(directory).exists() else "no such folder", path=directory)
    findings = lint_bank(Path(directory) if directory else None)
    for finding in findings:
        _out(one_line(finding) + "\n")
    if findings:
        _out(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}\n")
        return EXIT_FINDING
    _out("bank is clean\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args_list:
            return _run_app()
        args = _parser().parse_args(args_list)
        if args.command == "classify":
            return cmd_classify(args.paths, args.json)
        if args.command == "declare":
            return cmd_declare(args.source, args.output, args.force)
        if args.command == "check":
            return cmd_check(args.path)
        if args.command == "lint":
            return cmd_lint(args.directory)
        _parser().print_help()
        return EXIT_BAD_INPUT
    except UserError as error:
        _err(one_line(error))
        return error.exit_code
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _run_app() -> int:
    try:
        from questionnaire.app import run
    except ImportError:
        _parser().print_help()
        return EXIT_OK
    return run()
