"""The ``limber`` command: check content without building, and start a new stretch file."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from limber import layout, schema
from limber.loading import load_library
from limber.problems import ContentError, Problem


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
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={problem.path}{line},title={problem.field}::{message}"


def check(root: Path, paths: Sequence[str], style: str) -> int:
    """Validate all content, print the problems of ``paths`` (or all), return the exit code."""
    try:
        load_library(root, _docs_dir(root))
        problems: list[Problem] = []
    except ContentError as error:
        problems = error.problems
    if paths:
        wanted = {Path(path).resolve() for path in paths}
        problems = [p for p in problems if (root / p.path).resolve() in wanted]
    for problem in problems:
        print(format_problem(problem, style))
    if problems:
        files = len({problem.path for problem in problems})
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}", file=sys.stderr)
        return 1
    print("All content is valid.", file=sys.stderr)
    return 0


def slugify(name: str) -> str:
    """``Wall angel`` → ``wall-angel``."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def render_template(name: str) -> str:
    """A new stretch file with every field explained."""
    lines = ["---", f"name: {yaml.safe_dump(name, default_style=None).splitlines()[0]}"]
    examples = {
        "summary": "One sentence on what it stretches and why.",
        "areas": "[upper-back]",
        "position": "standing",
        "equipment": "[]",
        "level": "beginner",
        "hold": "[15, 30]",
    }
    for key, spec in schema.STRETCH_FIELDS.items():
        if key == "name":
            continue
        comment = f"  # {'required' if spec.required else 'optional'}: {spec.doc}"
        value = examples.get(key)
        if value is None:
            lines.append(f"# {key}:{comment[1:]}")
        else:
            lines.append(f"{key}: {value}{comment}")
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
    slug = slugify(name)
    if not slug:
        print(
            f"limber new: {name!r} has no letters or digits to make a file name from",
            file=sys.stderr,
        )
        return 2
    target = root / layout.STRETCHES_DIR / f"{slug}.md"
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="limber", description="Limber's content tools.")
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="the site folder (mkdocs.yml)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate content without building the site")
    check_parser.add_argument("paths", nargs="*", help="only report these files")
    check_parser.add_argument("--format", choices=("text", "github"), default="text")
    new_parser = commands.add_parser("new", help="start a new stretch file from the template")
    new_parser.add_argument("name", help='the display name, e.g. "Wall angel"')
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root, args.paths, args.format)
    return new(root, args.name)


if __name__ == "__main__":
    sys.exit(main())
