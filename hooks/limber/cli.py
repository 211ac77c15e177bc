"""The ``limber`` command: check content without building, and start a new stretch file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from limber import content, paths, schema, translations
from limber.figures.raster import contact_sheet
from limber.loading import Library, load_library, load_stretches
from limber.problems import ContentError, Problem, escaped


def _docs_dir(root: Path) -> Path:
    try:
        config = yaml.load(
            (root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
        )
    except (OSError, yaml.YAMLError):
        config = None
    docs = config.get("docs_dir", "docs") if isinstance(config, dict) else "docs"
    return root / str(docs)


def format_problem(problem: Problem, style: str) -> str:
    """A problem as a text line, or as a GitHub Actions annotation."""
    if style != "github":
        return str(problem)
    line = f",line={problem.line}" if problem.line else ""
    # Workflow commands: a value may not break the line, and a property may not end itself
    # early (",", ":"); control characters from a hostile key are shown as escapes.
    message = escaped(problem.message).replace("%", "%25")
    path, field = (_property(text) for text in (problem.path, problem.field))
    return f"::error file={path}{line},title={field}::{message}"


def _property(text: str) -> str:
    """A workflow command property: escaped, and unable to end itself early."""
    return escaped(text).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")


def check(root: Path, paths: Sequence[str], style: str, strict: bool = False) -> int:
    """Validate all content, print the problems of ``paths`` (or all) and the advice on style,
    return the exit code: 1 for any problem; advice alone fails only a ``strict`` check (the
    library's own CI: its stretches take every piece of advice)."""
    library = None
    try:
        library = load_library(root, _docs_dir(root))
        problems: list[Problem] = []
    except ContentError as error:
        problems = error.problems
    translated = None
    if library is not None:
        try:
            translated = translations.load_translations(root, _docs_dir(root), library)
        except ContentError as error:
            problems += error.problems
    stretches, _ = load_stretches(root)
    advised = [item for stretch in stretches.values() for item in content.advice(stretch)]
    if paths:
        wanted = {Path(path).resolve() for path in paths}
        problems = [p for p in problems if (root / p.path).resolve() in wanted]
        advised = [a for a in advised if (root / a.path).resolve() in wanted]
    for problem in problems:
        print(format_problem(problem, style))
    for item in sorted(advised):
        print(format_advice(item, style, failing=strict))
    if library is not None and translated is not None:
        report_translations(root, library, translated, style, paths)
    never = "this check is --strict" if strict else "advice never fails a build"
    tips = f" ({_count(len(advised), 'piece')} of advice above; {never})"
    if problems:
        files = len({problem.path for problem in problems})
        print(
            f"{_count(len(problems), 'problem')} in {_count(files, 'file')}"
            + (tips if advised else ""),
            file=sys.stderr,
        )
        return 1
    if strict and advised:
        print(
            f"All content is valid, but {_count(len(advised), 'piece')} of advice above must "
            "be taken: this library's checks run with --strict (a build never fails on advice)",
            file=sys.stderr,
        )
        return 1
    print("All content is valid." + (tips if advised else ""), file=sys.stderr)
    return 0


def report_translations(
    root: Path,
    library: Library,
    translated: translations.Translations,
    style: str,
    paths: Sequence[str] = (),
) -> None:
    """Each language's coverage, then each translation older than its original (a report:
    an out-of-date translation is still published, and never fails the check)."""
    pages = translations.authored_pages(_docs_dir(root))
    for report in translations.coverage(library, translated, pages):
        print(f"Translations: {report.summary()}.", file=sys.stderr)
    wanted = {Path(path).resolve() for path in paths}
    for stale in translated.stale:
        if wanted and (root / stale.path).resolve() not in wanted:
            continue
        print(format_advice(translations.stale_message(stale), style, "out of date"))


def translation_hash(root: Path, files: Sequence[str], write: bool) -> int:
    """Print the hash of each translation's original (what it records); with ``write``, record
    it in the translation file."""
    status = 0
    for name in files:
        file = Path(name).resolve()  # as the check's paths are: from the folder you are in
        parts = paths.translation_parts(file.name)
        if parts is None:
            message = f"{name} is not a translation (named like cat-cow.es.md)"
            print(f"limber translation-hash: {message}", file=sys.stderr)
            status = 1
            continue
        original = file.with_name(f"{parts[0]}.md")
        digest, problems = translations.hash_of_file(root, _docs_dir(root), original)
        if problems or not digest:
            for problem in problems or [Problem(name, 0, "file", "its original is missing")]:
                print(format_problem(problem, "text"), file=sys.stderr)
            status = 1
            continue
        if write:
            text = file.read_text(encoding="utf-8")
            key = translations.HASH_KEY
            lines = text.split("\n")
            for number, line in enumerate(lines[1:], 1):
                if line.startswith(f"{key}:"):
                    lines[number] = f"{key}: {digest}"
                    break
                if line.rstrip() == "---":
                    lines.insert(1, f"{key}: {digest}")
                    break
            file.write_text("\n".join(lines), encoding="utf-8")
        print(f"{name}: {digest}")
    return status


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def format_advice(item: Problem, style: str, kind: str = "advice", failing: bool = False) -> str:
    """Advice on style, marked as such so nobody mistakes it for a problem; an error annotation
    where it fails the check (``--strict``)."""
    if style == "github":
        path, field = (_property(text) for text in (item.path, item.field))
        message = escaped(item.message).replace("%", "%25")
        command = "error" if failing else "notice"
        return f"::{command} file={path},title={kind}: {field}::{message}"
    return escaped(f"{item.path}: {kind}: {item.field}: {item.message}")


SCHEMA_FILE = "schemas/stretch.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"


def render_schema() -> str:
    """The committed JSON Schema file's text."""
    return json.dumps(schema.stretch_json_schema(), indent=2, ensure_ascii=False) + "\n"


def render_template(name: str) -> str:
    """A new stretch file with every field explained."""
    quoted = json.dumps(name, ensure_ascii=False)
    lines = [
        "---",
        SCHEMA_COMMENT,
        "# Every field is explained on the right. Delete the optional ones you do not need;",
        "# a stretch needs exactly one of hold (seconds) or breaths (breath cycles).",
        f"name: {quoted}  # required: {schema.STRETCH_FIELDS['name'].doc}",
    ]
    for key, spec in schema.STRETCH_FIELDS.items():
        if key == "name":
            continue
        kind = "required" if spec.required else "optional"
        if key in schema.DOSE_KEYS:
            kind = " or ".join(k for k in schema.DOSE_KEYS if k != key)
            kind = f"this or {kind}"
        words = getattr(spec.kind, "options", ())
        allowed = f" One of: {', '.join(words)}." if words else ""
        entry = f"{key}: {spec.example}  # {kind}: {spec.doc}{allowed}"
        lines.append(entry if spec.starter else f"# {entry}")
    lines += [
        "---",
        "",
        '1. First step, in your own words, speaking to the reader ("Stand tall...").',
        "2. Keep each step short: one movement or one position.",
        "",
        "**Tips**",
        "",
        "- What to feel, what to avoid, an easier or harder version.",
        "",
    ]
    return "\n".join(lines)


def new(root: Path, name: str) -> int:
    """Write ``stretches/<slug>.md`` from the template; never overwrite."""
    slug = paths.slugify(name)
    if not slug:
        print(
            f"limber new: {name!r} has no Latin letter or digit to make a file name from",
            file=sys.stderr,
        )
        return 2
    target = root / paths.STRETCHES_DIR / f"{slug}.md"
    if target.exists():
        print(
            f"limber new: {target.relative_to(root)} already exists; choose another name",
            file=sys.stderr,
        )
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_template(name), encoding="utf-8")
    print(target.relative_to(root).as_posix())
    return 0


def site_root(given: Path | None) -> Path | None:
    """The site's folder: ``given`` when it holds a site (mkdocs.yml, or a stretches/ folder),
    else the folder the command runs in or the nearest above it with a mkdocs.yml; None if
    there is none (run from stretches/, the check once checked nothing and called it valid)."""
    if given is not None:
        root = given.resolve()
        root = root.parent if root.name == "mkdocs.yml" and root.is_file() else root
        is_site = (root / "mkdocs.yml").is_file() or (root / paths.STRETCHES_DIR).is_dir()
        return root if is_site else None
    here = Path.cwd().resolve()
    return next(
        (folder for folder in (here, *here.parents) if (folder / "mkdocs.yml").is_file()), None
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="limber", description="Limber's content tools.")
    parser.add_argument(
        "--root",
        type=Path,
        help="the site folder (mkdocs.yml); by default, the one you are in or the nearest above it",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate content without building the site")
    check_parser.add_argument("paths", nargs="*", help="only report these files")
    check_parser.add_argument("--format", choices=("text", "github"), default="text")
    check_parser.add_argument(
        "--strict", action="store_true", help="fail on advice too, as this library's CI does"
    )
    new_parser = commands.add_parser("new", help="start a new stretch file from the template")
    new_parser.add_argument("name", help='the display name, e.g. "Wall angel"')
    schema_parser = commands.add_parser("schema", help=f"write {SCHEMA_FILE} from the model")
    schema_parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    figures_parser = commands.add_parser(
        "figures", help="draw every stretch's figure on one contact sheet (PNG)"
    )
    figures_parser.add_argument(
        "--out", type=Path, help=f"where to write it (the site's folder: {CONTACT_SHEET})"
    )
    hash_parser = commands.add_parser(
        "translation-hash", help="print (or --write) the hash a translation records"
    )
    hash_parser.add_argument("files", nargs="+", help="translation files, e.g. x.es.md")
    hash_parser.add_argument("--write", action="store_true", help="record it in each file")
    args = parser.parse_args(argv)
    root = site_root(args.root)
    if root is None:
        where = args.root or Path.cwd()
        above = "" if args.root else " there or above"
        print(
            f"limber: found no site in {where} (no mkdocs.yml{above}); run limber in the "
            "site's folder, where mkdocs.yml is, or name it with --root",
            file=sys.stderr,
        )
        return 2
    if args.command == "check":
        return check(root, args.paths, args.format, args.strict)
    if args.command == "schema":
        return write_schema(root, args.check)
    if args.command == "translation-hash":
        return translation_hash(root, args.files, args.write)
    if args.command == "figures":
        return write_contact_sheet(root, args.out or root / CONTACT_SHEET)
    return new(root, args.name)


def write_schema(root: Path, check_only: bool) -> int:
    """Write (or compare) the committed JSON Schema of the front-matter."""
    target = root / SCHEMA_FILE
    wanted = render_schema()
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if check_only:
        if current != wanted:
            print(f"{SCHEMA_FILE} is out of date: run 'limber schema'", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(wanted, encoding="utf-8")
    print(SCHEMA_FILE)
    return 0


CONTACT_SHEET = "figures-contact-sheet.png"


def write_contact_sheet(root: Path, out: Path) -> int:
    """Draw every stretch's figure, name underneath, into one PNG to look at side by side.
    Stretches with problems of their own are left out and counted, so the sheet still helps
    while content is being fixed."""
    stretches, problems = load_stretches(root)
    target = out if out.is_absolute() else Path.cwd() / out
    entries = [(s.name, s.figure, s.areas) for s in stretches.values()]
    if not entries:
        print(f"limber figures: no valid stretch in {paths.STRETCHES_DIR}/", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    contact_sheet(entries).save(target, optimize=True)
    missing = sum(1 for _, figure, _ in entries if figure is None)
    print(target.as_posix())
    note = f"{len(entries)} figures" + (f", {missing} without a figure (faint)" if missing else "")
    if problems:
        files = len({problem.path for problem in problems})
        note += f"; {files} file{'s' if files != 1 else ''} with problems left out (limber check)"
    print(note, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
