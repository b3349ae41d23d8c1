"""The command line: a thin shell over the core. Exit 0 success, 1 a finding, 2 bad input or usage.

`openness` with no arguments starts the app: argparse and the commands' modules are imported only when
arguments are given, so that the app's first screen waits for none of them."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questionnaire.errors import UserError
from questionnaire.text import json_text, one_line

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FINDING, EXIT_BAD_INPUT = 0, 1, 2
COMPLETION_SHELLS = ("bash", "zsh", "tcsh")


def _parser() -> argparse.ArgumentParser:
    import argparse

    from questionnaire import __version__, export_formats

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # usage errors: one plain line, exit 2
            self.print_usage(sys.stderr)
            raise UserError(message)

    parser = _Parser(prog="openness", description="Find out, and declare, how open an AI model release is.")
    parser.add_argument("--version", action="version", version=f"openness {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    classify = commands.add_parser("classify", help="classify declarations, answers files or MOT records")
    classify.add_argument("paths", nargs="+", metavar="PATH", help="a declaration or answers TOML, or a MOT YAML")
    classify.add_argument("--json", action="store_true", help="print JSON (one object, or an array for several)")

    declare = commands.add_parser("declare", help="write a declaration from answers or a MOT record, without the app")
    declare.add_argument(
        "source", metavar="SOURCE", help="an answers TOML, a MOT YAML or a Hugging Face model card (.md)"
    )
    declare.add_argument("-o", "--output", required=True, metavar="OUT.toml", help="where to write the declaration")
    declare.add_argument("--force", action="store_true", help="replace OUT.toml if it exists")
    declare.add_argument(
        "--name",
        metavar="NAME",
        help="the model's name, whatever SOURCE says (a model card without one is otherwise named after its folder)",
    )

    check = commands.add_parser("check", help="validate declarations and recompute their classification")
    check.add_argument("paths", nargs="+", metavar="DECL.toml", help="one or more declarations")

    whatif = commands.add_parser("whatif", help="change some answers and see how the classification moves")
    whatif.add_argument("path", metavar="DECL.toml", help="a declaration, answers file, MOT record or model card")
    whatif.add_argument(
        "--set",
        dest="changes",
        action="append",
        required=True,
        metavar="COMPONENT=SPEC",
        help="a change such as training_code=released:Apache-2.0 or model_parameters_final=access:public (repeatable)",
    )
    whatif.add_argument("--json", action="store_true", help="print JSON")

    compare = commands.add_parser("compare", help="compare releases side by side")
    compare.add_argument(
        "paths", nargs="+", metavar="PATH", help="two or more declarations, answers files, MOT records or model cards"
    )
    compare.add_argument("--json", action="store_true", help="print JSON")
    compare.add_argument("--ascii", action="store_true", help="plain ASCII marks (+ and x) instead of ✓ and ✗")
    compare.add_argument(
        "--width", type=int, metavar="COLUMNS", help="the width to fit (default: the terminal's, or 80)"
    )

    export = commands.add_parser("export", help=f"export a declaration: {', '.join(export_formats.FORMATS)}")
    export.add_argument("path", metavar="DECL.toml", help="a declaration (or answers, a MOT record, a model card)")
    export.add_argument(
        "--format", required=True, choices=tuple(export_formats.FORMATS), help=export_formats.described()
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write to this file (default: print)")
    export.add_argument("--force", action="store_true", help="replace OUT if it exists")

    commands.add_parser("schema", help="print the JSON Schema of the declaration format")

    serve = commands.add_parser("serve", help="serve the app to browsers, for a workshop room")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 shares it with the network)",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument(
        "--max-sessions",
        type=int,
        default=40,
        metavar="N",
        help="at most N browser sessions at once, each an app process (default 40); "
        "one more browser gets a 'the room is full' page",
    )

    edit = commands.add_parser("edit", help="open a declaration in the app, to change and save it again")
    edit.add_argument("path", metavar="DECL.toml")

    lint = commands.add_parser("lint", help="check a question bank folder")
    lint.add_argument(
        "directory",
        nargs="?",
        metavar="DIR",
        help="the bank folder (default: the one in use: $OPENNESS_QUESTIONS, else the shipped bank)",
    )
    lint.add_argument(
        "--answers",
        action="store_true",
        help="list the answers the bank defines (id, type, when asked), once it is clean",
    )

    completion = commands.add_parser("completion", help="print a shell completion script for openness")
    completion.add_argument("shell", choices=COMPLETION_SHELLS, help="the shell to complete in")

    examples = commands.add_parser(
        "examples", help="list the shipped examples (real releases and constructed cases), or print one's path"
    )
    examples.add_argument("slug", nargs="?", metavar="SLUG", help="print the path of this example's declaration")
    examples.add_argument("--json", action="store_true", help="print JSON")
    return parser


# What stands in for the tool's own typography where the output's encoding has no room for it (a terminal or
# a pipe set to ASCII, PYTHONIOENCODING=ascii); anything else is written as a backslash escape.
_PLAIN_TYPOGRAPHY = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u00b7": "*",
        "\u2013": "-",
        "\u2014": "--",
        "\u2026": "...",
        "\u2713": "+",
        "\u2717": "x",
        "\u2192": "->",
        "\u2500": "-",
        "\u00a0": " ",
    }
)


class _OutputFailed(Exception):
    """Writing the output failed (a full disk, a closed terminal): said in one line, not as a traceback."""


_ASCII = "".join(map(chr, range(128)))


@lru_cache(maxsize=8)
def _holds_ascii(encoding: str) -> bool:
    """Every ASCII character can be written in the encoding (not so in all: cp864 has no "%")."""
    try:
        _ASCII.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _encodable(text: str, stream: Any) -> str:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if text.isascii() and _holds_ascii(encoding):  # a batch writes thousands of ASCII pieces: no encoding each
        return text
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.translate(_PLAIN_TYPOGRAPHY).encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        pass
    return text


def _out(text: str = "", *, flush: bool = False) -> None:
    """Write `text` to the standard output (and flush it): a failed write (a full disk, a closed terminal) as
    _OutputFailed; a reader that went away (BrokenPipeError) as it is. Plain handlers, not a context manager:
    a batch writes thousands of pieces, and entering one costs ten writes."""
    try:
        if text:
            sys.stdout.write(_encodable(text, sys.stdout))
        if flush:
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _OutputFailed(error.strerror or str(error)) from None


def _err(text: str) -> None:
    sys.stderr.write(_encodable(f"openness: {text}\n", sys.stderr))


def _drop_pending_output() -> None:
    """Point the standard output at the null device, so that what is still buffered for it is not written
    again (and does not fail again) as Python exits."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # (no file behind it, as in tests: nothing is flushed)
        pass


def cmd_classify(paths: list[str], as_json: bool) -> int:
    """Each file in turn, written as soon as it is classified (a batch keeps no file's result once it is
    out); with --json several files make one array, one compact object a line."""
    import gc

    from questionnaire import loading, report
    from questionnaire.rules import classify

    written, failed = 0, False
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
            if len(paths) == 1:
                data = report.as_dict(result, source=path, name=name, warnings=source.warnings)
                _out(json_text(data, indent=2) + "\n")
            else:  # compact (json's fast encoder only runs without indent), each verdict's JSON written once
                _out("[\n" if not written else ",\n")
                for piece in report.json_pieces(result, source=path, name=name, warnings=source.warnings):
                    _out(piece)
        else:
            _out(("\n" if written else "") + report.as_text(result, source=path, name=name, warnings=source.warnings))
        written += 1
        if written == 1 and len(paths) > 1:
            # What the first file built (the modules, the licence tables, caches) lasts as long as the
            # process: moved out of the collector's sight, it is not scanned again for every later file.
            gc.freeze()
    if as_json and written and len(paths) > 1:
        _out("\n]\n")
    return EXIT_BAD_INPUT if failed else EXIT_OK


def cmd_declare(source_path: str, output: str, force: bool, name: str | None = None) -> int:
    from questionnaire import declaration, loading

    if name is not None and not name.strip():
        raise UserError("--name is empty; give the model's name")
    source = loading.load(source_path, name=name)
    answers = source.answers if name is None else {**source.answers, "identity.name": name.strip()}
    decl = declaration.build(answers, sources=source.sources)
    written = declaration.write(decl, output, force=force)
    for warning in source.warnings:
        _err(f"warning: {one_line(source_path)}: {one_line(warning)}")
    _out(f"Wrote {one_line(written)}: {decl.classification.tier}\n")
    return EXIT_OK


def cmd_check(paths: list[str]) -> int:
    """Each declaration in turn: 0 all valid, 1 some invalid or stale, 2 some could not be read (or are
    not declarations); every file is checked and reported whatever the others give."""
    codes = []
    for path in paths:
        try:
            codes.append(_check_one(path))
        except UserError as error:  # a stale declaration names each field (exit 1); bad input is one line (2)
            for line in error.lines():
                _err(one_line(line))
            codes.append(error.exit_code)
    return max(codes)


def _check_one(path: str) -> int:
    from questionnaire import declaration, loading

    source = loading.load(path)
    if source.kind != "declaration":
        raise UserError(f"is {source.kind_label}, not a declaration; make one with `openness declare`", path=path)
    stored = declaration.verified(source)  # StaleDeclaration names each field that differs (exit 1)
    _out(f"{one_line(path)}: valid; every field matches what its answers give (tier {stored.classification.tier})\n")
    return EXIT_OK


def cmd_whatif(path: str, changes: list[str], as_json: bool) -> int:
    import textwrap

    from questionnaire import loading, report, whatif
    from questionnaire.rules import classify
    from questionnaire.text import plain
    from questionnaire.vocabulary import TIER_WORDS

    source = loading.load(path)
    parsed = [whatif.parse_change(text) for text in changes]
    changed = whatif.apply(source.answers, parsed)
    before, after = classify(source.answers), classify(changed)
    headline = whatif.headline(parsed, source.answers, before, after)
    differences = whatif.diff(before, after)
    name = str(source.answers.get("identity.name", ""))
    if as_json:
        _out(
            json_text(
                {
                    "source": path,
                    "name": name,
                    "changes": changes,
                    "headline": headline,
                    "differences": [whatif.as_dict(d) for d in differences],
                    "before": report.as_dict(before, source=path, name=name, warnings=source.warnings),
                    "after": report.as_dict(after, source=path, name=name, warnings=source.warnings),
                },
                indent=2,
            )
            + "\n"
        )
        return EXIT_OK
    out = report.heading(name, path)
    out += textwrap.wrap("What if: " + "; ".join(one_line(c) for c in changes), 80, subsequent_indent="  ")
    out.append("")
    out += textwrap.wrap(plain(headline), 80)
    for line in whatif.sentences(differences):
        out += textwrap.wrap(plain(line), 80, initial_indent="  - ", subsequent_indent="    ")
    if after.next_tier is not None and after.next_tier.changes:
        out += ["", f"  Still needed for {TIER_WORDS[after.next_tier.tier]}:"]
        for change in after.next_tier.changes:
            out += textwrap.wrap(plain(change), 80, initial_indent="  - ", subsequent_indent="    ")
    _out("\n".join(out) + "\n")
    return EXIT_OK


def cmd_compare(paths: list[str], as_json: bool, ascii_only: bool, width: int | None) -> int:
    import shutil

    from questionnaire import compare

    comparison = compare.compare(paths)  # says so when fewer than two are given, before reading any
    if as_json:
        _out(json_text(compare.as_dict(comparison), indent=2) + "\n")
        return EXIT_OK
    if width is None:
        width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    if width < 40:
        raise UserError(f"--width {width} is too narrow; give at least 40 columns")
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗─…".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        ascii_only = True
    _out(compare.as_text(comparison, width=width, ascii_only=ascii_only))
    return EXIT_OK


def cmd_export(path: str, fmt: str, output: str | None, force: bool) -> int:
    from questionnaire import exporters, loading

    source = loading.load(path)
    decl = exporters.declaration_for(source)  # a stale declaration is refused, as `openness check` refuses it
    exported = exporters.export(decl, fmt)
    if output is not None:
        written = exporters.write_text(output, exported.text, force=force)
    for warning in [*source.warnings, *exported.warnings]:
        _err(f"warning: {one_line(path)}: {one_line(warning)}")
    if output is None:
        _out(exported.text)
    else:
        _out(f"Wrote {one_line(written)}: {fmt} export of {one_line(decl.model.name)} ({decl.classification.tier})\n")
    return EXIT_OK


def cmd_schema() -> int:
    from questionnaire.exporters import schema_json

    _out(schema_json())
    return EXIT_OK


def cmd_completion(shell: str) -> int:
    """A static completion script made by shtab from this module's parser: nothing runs at completion time.
    Arguments that name files complete file names (a folder for `lint`)."""
    try:
        import shtab
    except ImportError:
        raise UserError("shell completion needs the shtab package: pip install shtab") from None
    parser = _parser()
    for action in _all_actions(parser):
        if action.dest == "directory":
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
        elif action.dest in ("path", "paths", "source", "output"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    _out(shtab.complete(parser, shell=shell))
    return EXIT_OK


def _all_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    import argparse

    found = list(parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _all_actions(sub)
    return found


def cmd_serve(host: str, port: int, max_sessions: int) -> int:
    from questionnaire.serve import serve

    return serve(host, port, max_sessions=max_sessions)


def cmd_lint(directory: str | None, list_answers: bool = False) -> int:
    from questionnaire.lint import lint_bank, lint_glossary

    if directory is not None and not Path(directory).is_dir():
        raise UserError("is not a folder" if Path(directory).exists() else "no such folder", path=directory)
    folder = Path(directory) if directory else None
    findings = lint_bank(folder)
    findings += [f for f in lint_glossary(folder) if f not in findings]  # the glossary file, checked in full
    for finding in findings:
        _out(one_line(finding) + "\n")
    if findings:
        _out(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}\n")
        return EXIT_FINDING
    if list_answers:
        from questionnaire.answers import schema_lines
        from questionnaire.bank import load_bank

        for line in schema_lines(load_bank(folder)):
            _out(one_line(line) + "\n")
        return EXIT_OK
    _out("bank is clean\n")
    return EXIT_OK


def cmd_edit(path: str) -> int:
    from questionnaire.app.session import answers_from_declaration

    answers_from_declaration(path)  # a missing or invalid declaration stops here, before any UI starts
    return _run_app(path)


def cmd_examples(slug: str | None, as_json: bool) -> int:
    from questionnaire.examples import example_path, list_examples

    def item(example: Any) -> dict[str, Any]:
        return {
            "slug": example.slug,
            "name": example.name,
            "publisher": example.publisher,
            "tier": example.tier,
            "frameworks": dict(example.verdicts),
            "path": str(example.path),
        }

    if slug is not None:
        path = example_path(slug)
        if as_json:
            _out(json_text(item(next(e for e in list_examples() if e.slug == slug))) + "\n")
        else:
            _out(f"{path}\n")
        return EXIT_OK
    items = list_examples()
    if as_json:
        _out(json_text([item(e) for e in items], indent=2) + "\n")
        return EXIT_OK
    rows = [(one_line(e.slug), one_line(e.name), e.tier) for e in items]
    header = ("SLUG", "NAME", "TIER")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    spare = 80 - (sum(widths) + 2 * 2)
    if spare < 0:  # keep the table within 80 columns: shorten the names
        widths[1] = max(len(header[1]), widths[1] + spare)
    for row in [header, *rows]:
        cells = [cell if len(cell) <= widths[i] else cell[: widths[i] - 1] + "~" for i, cell in enumerate(row)]
        _out("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip() + "\n")
    _out(f"{len(rows)} examples; `openness examples SLUG` prints the path of one declaration\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(list(sys.argv[1:] if argv is None else argv))
        _out(flush=True)  # what is still buffered, written now: a failure is said like any other write's
        return code
    except BrokenPipeError:  # the reader went away (`| head`): what it read is all it wanted
        _drop_pending_output()
        return EXIT_OK
    except _OutputFailed as error:
        _drop_pending_output()
        _err(f"cannot write the output ({error})")
        return EXIT_BAD_INPUT


def _main(args_list: list[str]) -> int:
    try:
        if not args_list:
            return _run_app()
        args = _parser().parse_args(args_list)
        if args.command == "classify":
            return cmd_classify(args.paths, args.json)
        if args.command == "declare":
            return cmd_declare(args.source, args.output, args.force, args.name)
        if args.command == "check":
            return cmd_check(args.paths)
        if args.command == "whatif":
            return cmd_whatif(args.path, args.changes, args.json)
        if args.command == "compare":
            return cmd_compare(args.paths, args.json, args.ascii, args.width)
        if args.command == "export":
            return cmd_export(args.path, args.format, args.output, args.force)
        if args.command == "schema":
            return cmd_schema()
        if args.command == "serve":
            return cmd_serve(args.host, args.port, args.max_sessions)
        if args.command == "lint":
            return cmd_lint(args.directory, args.answers)
        if args.command == "examples":
            return cmd_examples(args.slug, args.json)
        if args.command == "edit":
            return cmd_edit(args.path)
        if args.command == "completion":
            return cmd_completion(args.shell)
        _parser().print_help()
        return EXIT_BAD_INPUT
    except UserError as error:
        for line in error.lines():
            _err(one_line(line))
        return error.exit_code
    except KeyboardInterrupt:
        _err("interrupted")
        return 130


def _run_app(path: str | None = None) -> int:
    from questionnaire.delivery import session_folder

    session_folder()  # served without a folder of its own: one line, and no app (UserError)
    try:
        from questionnaire.app import run
    except ImportError:
        _parser().print_help()
        return EXIT_OK
    return run(path)
