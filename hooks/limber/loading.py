"""Reading content files into the model, reporting every problem of every file at once."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from limber import content, files, limits, links, memo, sanitize, schema
from limber.figures.model import Figure
from limber.model import Cues, Dose, Routine, RoutineItem, Span, Stretch
from limber.paths import (
    BUILDER_PAGE,
    RESERVED_SLUGS,
    ROUTINE_INDEX,
    ROUTINES_DIR,
    STRETCH_INDEX,
    STRETCHES_DIR,
    figure_thumbnail,
    routine_audio,
    slugify,
    stretch_page,
    translation_parts,
)
from limber.problems import ContentError, Problem, bounded, did_you_mean, found
from limber.timing import DEFAULT_REST

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = _Loader("")
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


@dataclass(frozen=True)
class Source:
    """A content file split into its front-matter (with the line of each key) and its body."""

    path: str
    data: dict[str, Any]
    lines: dict[str, int]
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 0
    body_first: int = 0  # the line of the body's first text, after blank lines

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class Library:
    """All validated content: stretches by slug (in name order) and routines by slug."""

    stretches: Mapping[str, Stretch]
    routines: Mapping[str, Routine]


def read_source(
    file: Path, path: str, *, page: bool = False
) -> tuple[Source | None, list[Problem]]:
    """Split ``file`` into front-matter and body; ``path`` is how messages name it. A translated
    ``page`` (the safety notes, this guide) may hold tables and lists longer than a stretch's
    paragraphs: its body is bounded in marks only (``limits.body_problem``)."""
    try:
        raw = files.read_regular(file, limits.MAX_FILE_BYTES)
    except files.Refused as error:
        return None, [Problem(path, 0, "file", str(error))]
    return parse_source(raw, path, page=page)


def parse_source(
    raw: bytes, path: str, *, page: bool = False
) -> tuple[Source | None, list[Problem]]:
    """Split a content file's bytes into front-matter and body (see ``read_source``)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = raw[error.start]
        line = raw[: error.start].count(b"\n") + 1
        message = f"found the byte 0x{byte:02x}, which is not UTF-8; allowed: UTF-8 text"
        return None, [Problem(path, line, "encoding", message + " (save the file as UTF-8)")]
    bad = limits.bad_character(text)
    if bad is not None:
        line = text.count("\n", 0, bad[0]) + 1
        message = f"found the character {bad[1]}; allowed: {limits.ALLOWED_CHARACTERS}"
        return None, [Problem(path, line, "text", message)]
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        message = "found none; allowed: a file that starts with a '---' line, YAML fields, '---'"
        return None, [Problem(path, 1, "front-matter", message)]
    end = next((i for i, line in enumerate(lines[1:], 1) if _FENCE.match(line)), None)
    if end is None:
        message = "found no closing '---' line; allowed: YAML fields between two '---' lines"
        return None, [Problem(path, 1, "front-matter", message)]
    yaml_text = "\n".join(lines[1:end])
    try:
        shape = _yaml_shape_problem(yaml_text)
        if shape is not None:
            return None, [Problem(path, shape[0], "front-matter", shape[1])]
        node = yaml.compose(yaml_text, Loader=_Loader)
        data = _Loader("").construct_document(node) if node is not None else None
    except (ValueError, RecursionError):
        message = "found a value YAML cannot read; allowed: YAML 'key: value' lines"
        return None, [Problem(path, 2, "front-matter", message)]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, [Problem(path, line, "front-matter", _yaml_message(lines, line, what))]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        message = f"found {found(data)}; allowed: a mapping of 'key: value' lines"
        return None, [Problem(path, 2, "front-matter", message)]
    problems: list[Problem] = []
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key in key_lines:
            problems.append(Problem(path, line, key, "found this key twice; allowed: once"))
        key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [item.start_mark.line + 2 for item in value_node.value]
    body = "\n".join(lines[end + 1 :]).strip()
    blank = next((i for i, line in enumerate(lines[end + 1 :]) if line.strip()), 0)
    too_big = limits.body_problem(body, paragraphs=not page)
    if too_big is not None:  # before anything parses the body: see limits.MAX_BODY_MARKS
        return None, [Problem(path, end + 2 + blank + too_big[0], "body", too_big[1])]
    return Source(path, data, key_lines, item_lines, body, end + 2, end + 2 + blank), problems


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _yaml_message(lines: list[str], line: int, what: str) -> str:
    """What YAML could not read, in the words of the two mistakes people make most: a tab
    (YAML's indentation is spaces) and an unquoted value holding ': '."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in text:
        return "found a tab; allowed: spaces (YAML indents with spaces only: retype the tab)"
    if "mapping values are not allowed" in what:
        key, _, value = text.partition(": ")
        if _KEY.fullmatch(key) and ": " in value:
            quoted = value.strip().replace('"', "'")
            quoted = quoted if len(quoted) <= 40 else quoted[:37] + "..."
            return (
                "found ': ' inside a value, which YAML reads as another field; allowed: the "
                f'value in quotes, as in {key}: "{quoted}"'
            )
        return (
            "found a field YAML reads as inside the one above it; allowed: each field on a line "
            "of its own, at the left edge (look at this line's indentation)"
        )
    return f"found malformed YAML ({what}); allowed: YAML 'key: value' lines"


def body_problems(source: Source) -> list[Problem]:
    """What the sanitizer would remove from the body, one problem each, at its line."""
    return [
        Problem(source.path, source.body_first + line, "body", message)
        for line, message in sanitize.audit(source.body)
    ]


def _yaml_shape_problem(yaml_text: str) -> tuple[int, str] | None:
    """The line and message of the first thing in the YAML that Limber refuses before building
    anything from it: an anchor or alias (a few hundred bytes of nested aliases expand to
    gigabytes), nesting deeper than ``MAX_YAML_DEPTH``, or a number longer than
    ``MAX_NUMBER_CHARS``. Reading the events is linear in the file's size."""
    try:
        return _yaml_events_problem(yaml_text)
    except yaml.YAMLError as error:
        # libyaml 0.2.6 (PyYAML 6.0.4's wheels) scans a flow collection ahead and stops at its
        # own limit of 1,000 levels before the events reach ours: the same rule was broken.
        if "nesting depth" not in str(getattr(error, "problem", "")):
            raise
        mark = getattr(error, "problem_mark", None)
        return (mark.line + 2 if mark is not None else 2), _too_deep()


def _too_deep() -> str:
    return (
        f"found lists or mappings nested more than {limits.MAX_YAML_DEPTH} deep; "
        f"allowed: at most {limits.MAX_YAML_DEPTH} levels"
    )


def _yaml_events_problem(yaml_text: str) -> tuple[int, str] | None:
    depth = 0
    for event in yaml.parse(yaml_text, Loader=_Loader):
        line = (event.start_mark.line if event.start_mark else 0) + 2
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor is not None:
            return line, (
                f"found the YAML {'alias *' if isinstance(event, yaml.AliasEvent) else 'anchor &'}"
                f"{str(anchor)[:40]}; allowed: plain values (write each value out; Limber files "
                "use no anchors or aliases)"
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > limits.MAX_YAML_DEPTH:
                return line, _too_deep()
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif (
            isinstance(event, yaml.ScalarEvent)
            and event.implicit[0]
            and len(event.value) > limits.MAX_NUMBER_CHARS
            and _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False)) in _NUMBER_TAGS
        ):
            return line, (
                f"found a number written with {len(event.value):,} characters; allowed: at most "
                f"{limits.MAX_NUMBER_CHARS} characters (Limber's numbers are small)"
            )
    return None


def _unknown_keys(source: Source, allowed: Iterable[str]) -> list[Problem]:
    known = list(allowed)
    return [
        Problem(
            source.path,
            source.line(str(key)),
            str(key),
            f"unknown field; allowed: {', '.join(known)}{did_you_mean(key, known)}",
        )
        for key in source.data
        if key not in known
    ]


def _check_fields(
    source: Source, fields: Mapping[str, schema.Field]
) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, spec in fields.items():
        if key not in source.data:
            if spec.required:
                problems.append(Problem(source.path, 1, key, _missing(source, key, spec, fields)))
            continue
        try:
            values[key] = spec.kind.check(source.data[key])
        except schema.Invalid as error:
            problems.append(Problem(source.path, source.line(key), key, str(error)))
    return values, problems


def _missing(source: Source, key: str, spec: schema.Field, fields: Mapping[str, Any]) -> str:
    """The message for a required field that is not there: what it is, the words it may be,
    and the line of an unknown key that looks like it misspelled."""
    required = spec.doc.rstrip(".").lower()
    options = getattr(spec.kind, "options", ())
    if isinstance(spec.kind, schema.Choice):
        required += f" ({' | '.join(options)})"
    elif options:
        required += f" (a list of: {', '.join(options)})"
    unknown = [str(other) for other in source.data if other not in fields]
    close = difflib.get_close_matches(key, unknown, n=1, cutoff=0.75)
    if close:
        found = f"nothing (is '{close[0]}' on line {source.line(close[0])} meant to be {key}?)"
    else:
        found = "nothing"
    return f"found {found}; required: {required}"


def build_stretch(source: Source, slug: str) -> tuple[Stretch | None, list[Problem]]:
    """Validate one stretch file's front-matter and body into a ``Stretch``."""
    problems = _unknown_keys(source, schema.STRETCH_FIELDS)
    if slug in RESERVED_SLUGS:
        message = (
            f"found the file name '{slug}.md'; allowed: any slug but {', '.join(RESERVED_SLUGS)}"
        )
        problems.append(Problem(source.path, 0, "slug", message))
    elif not SLUG.match(slug):
        suggestion = slugify(slug)
        hint = f" (did you mean '{suggestion}.md'?)" if suggestion else ""
        message = (
            f"found the file name '{slug}.md'; allowed: lowercase letters, digits and single "
            f"hyphens{hint}"
        )
        problems.append(Problem(source.path, 0, "slug", message))
    values, field_problems = _check_fields(source, schema.STRETCH_FIELDS)
    problems += field_problems
    doses = [key for key in schema.DOSE_KEYS if key in source.data]
    allowed = "exactly one of hold (seconds) or breaths (breath cycles)"
    misspelt_dose = any(
        did_you_mean(key, schema.DOSE_KEYS)
        for key in source.data
        if key not in schema.STRETCH_FIELDS
    )
    if not doses and not misspelt_dose:
        problems.append(
            Problem(source.path, 1, "hold", f"found neither hold nor breaths; allowed: {allowed}")
        )
    elif len(doses) == 2:
        problems.append(
            Problem(
                source.path,
                source.line("breaths"),
                "breaths",
                f"found both hold and breaths; allowed: {allowed}",
            )
        )
    if "cues" in source.data and "breaths" not in source.data:
        message = "found cues on a stretch without breaths; allowed: cues only with breaths"
        problems.append(Problem(source.path, source.line("cues"), "cues", message))
    if not source.body:
        message = "found nothing after the front-matter; allowed: numbered steps, then tips"
        problems.append(Problem(source.path, source.body_line, "body", message))
    problems += content.check_text(
        source.path, source.data, source.lines, source.body, source.body_first
    )
    if problems:
        return None, problems
    kind = doses[0]
    cues = values.get("cues", {})
    dose = Dose(
        kind=kind,  # type: ignore[arg-type]
        amount=Span(*values[kind]),
        reps=Span(*values.get("reps", (1, 1))),
        sides=values.get("sides", "none"),
        cues=Cues(cues.get("inhale", ""), cues.get("exhale", "")),
    )
    # Every other field is the model's attribute of the same name; absent, the model's default.
    attributes = {key: value for key, value in values.items() if key not in schema.DOSE_PARTS}
    stretch = Stretch(
        slug=slug, dose=dose, body=source.body, path=source.path, body_line=source.body_first,
        **attributes,
    )  # fmt: skip
    return stretch, []


def _routine_item(
    source: Source,
    number: int,
    entry: Any,
    stretches: Mapping[str, Stretch],
    broken: Collection[str] = (),
) -> tuple[RoutineItem | None, list[Problem]]:
    lines = source.item_lines.get("stretches", [])
    line = lines[number - 1] if number <= len(lines) else source.line("stretches")
    where = f"stretches item {number}"
    overrides: dict[str, Any] = {}
    slug = entry
    if isinstance(entry, dict):
        slug = entry.get("stretch")
        overrides = {key: value for key, value in entry.items() if key != "stretch"}
        if slug is None:
            message = f"found {found(entry)}; allowed: a slug, or a mapping with 'stretch: <slug>'"
            return None, [Problem(source.path, line, where, message)]
    if isinstance(slug, str) and slug in broken:
        return None, []  # the stretch's own problems are reported; no second message here
    if not isinstance(slug, str) or slug not in stretches:
        hint = did_you_mean(slug, stretches) or (
            f" (known: {', '.join(list(stretches)[:8])})" if stretches else ""
        )
        message = f"found {found(slug)}; allowed: the slug of a file in stretches/{hint}"
        return None, [Problem(source.path, line, where, message)]
    stretch = stretches[slug]
    problems: list[Problem] = []
    amount = reps = None
    for key, value in overrides.items():
        if key not in schema.OVERRIDE_KEYS:
            allowed = ", ".join(schema.OVERRIDE_KEYS) + did_you_mean(key, schema.OVERRIDE_KEYS)
            message = f"found the override {found(key)}; allowed: {allowed}"
            problems.append(Problem(source.path, line, where, message))
            continue
        if key in schema.DOSE_KEYS and key != stretch.dose.kind:
            message = (
                f"found {key} for {slug}, which is dosed by {stretch.dose.kind}; "
                f"allowed: {stretch.dose.kind} or reps"
            )
            problems.append(Problem(source.path, line, f"{where}: {key}", message))
            continue
        unit = "repetitions" if key == "reps" else ("seconds" if key == "hold" else "breaths")
        try:
            span = Span(*schema.Count(unit).check(value))
        except schema.Invalid as error:
            problems.append(Problem(source.path, line, f"{where}: {key}", str(error)))
            continue
        if key == "reps":
            reps = span
        else:
            amount = span
    if problems:
        return None, problems
    return RoutineItem(stretch, stretch.dose.overridden(amount=amount, reps=reps)), []


def _theme_problems(source: Source, theme_has: Callable[[str], bool] | None) -> list[Problem]:
    """A routine's ``template`` and ``icon`` must name files the theme has (when the build knows
    the theme's files): a missing one would stop the build halfway with a traceback."""
    if theme_has is None:
        return []
    problems = []
    template, icon = source.data.get("template"), source.data.get("icon")
    if isinstance(template, str) and not theme_has(template):
        message = f"found {found(template)}, which the theme does not have; allowed: main.html"
        problems.append(Problem(source.path, source.line("template"), "template", message))
    if isinstance(icon, str) and not theme_has(f".icons/{icon}.svg"):
        message = f"found {found(icon)}, which the theme does not have; allowed: an icon it has"
        problems.append(Problem(source.path, source.line("icon"), "icon", message))
    return problems


def build_routine(
    source: Source,
    slug: str,
    stretches: Mapping[str, Stretch],
    broken: Collection[str] = (),
    theme_has: Callable[[str], bool] | None = None,
) -> tuple[Routine | None, list[Problem]]:
    """Validate one routine page's front-matter against the known stretches."""
    allowed_keys = [*schema.ROUTINE_FIELDS, "stretches", *schema.PAGE_KEYS]
    problems = _unknown_keys(source, dict.fromkeys(allowed_keys))
    values, field_problems = _check_fields(source, schema.ROUTINE_FIELDS)
    problems += field_problems
    problems += _check_fields(source, schema.PAGE_FIELDS)[1]
    if not problems:
        problems += _theme_problems(source, theme_has)
    entries = source.data.get("stretches")
    items: list[RoutineItem] = []
    if not isinstance(entries, list) or not entries:
        message = f"found {found(entries)}; allowed: a list of one or more stretch slugs"
        problems.append(Problem(source.path, source.line("stretches"), "stretches", message))
    elif len(entries) > limits.MAX_ROUTINE_ITEMS:
        message = (
            f"found {len(entries)} stretches; allowed: at most {limits.MAX_ROUTINE_ITEMS} in one "
            "routine (split it into two routines)"
        )
        problems.append(Problem(source.path, source.line("stretches"), "stretches", message))
    else:
        for number, entry in enumerate(entries, 1):
            item, item_problems = _routine_item(source, number, entry, stretches, broken)
            problems += item_problems
            if item:
                items.append(item)
    if problems:
        return None, problems
    title = values.get("title") or slug.replace("-", " ").capitalize()
    routine = Routine(
        slug=slug,
        title=title,
        summary=values.get("summary", ""),
        items=tuple(items),
        path=source.path,
        rest=values.get("rest", DEFAULT_REST),
    )
    return routine, []


def load_stretches(
    root: Path,
    files: Iterable[Path] | None = None,
    warnings: list[Problem] | None = None,
    kept: memo.Memo | None = None,
) -> tuple[dict[str, Stretch], list[Problem]]:
    """Every stretch in ``root/stretches`` (or just ``files``), in name order, and all problems.
    What the sanitizer would remove from bodies goes to ``warnings`` when given, else with the
    problems. With ``kept`` (``limber.memo``), a file checked before with the same bytes, name
    and code is not checked again: its stretch and problems are those kept."""
    folder = root / STRETCHES_DIR
    paths = sorted(files) if files is not None else sorted(folder.glob("*.md"))
    paths = [path for path in paths if translation_parts(path.name) is None]  # translations.py
    stretches: list[Stretch] = []
    name_lines: dict[str, int] = {}
    alias_lines: dict[str, int] = {}
    problems: list[Problem] = []
    for file in paths:
        one = _check_stretch_file(file, _shown(file, root), kept)
        problems += one.problems
        (problems if warnings is None else warnings).extend(one.body_problems)
        if one.stretch:
            stretches.append(one.stretch)
            name_lines[one.stretch.slug], alias_lines[one.stretch.slug] = one.lines
    problems += _name_clashes(stretches, name_lines, alias_lines)
    ordered = sorted(stretches, key=lambda s: (s.name.casefold(), s.slug))
    return {stretch.slug: stretch for stretch in ordered}, sorted(problems)


@dataclass(frozen=True)
class _Checked:
    """What one stretch file gave: its stretch (None if refused), its problems, what the
    sanitizer would remove from its body, and the lines of its name and aliases."""

    stretch: Stretch | None
    problems: tuple[Problem, ...]
    body_problems: tuple[Problem, ...] = ()
    lines: tuple[int, int] = (1, 1)


# What a kept check may hold (``memo.unpack``).
_CHECKED_KINDS = {
    kind.__name__: kind for kind in (_Checked, Stretch, Dose, Span, Cues, Figure, Problem)
}


def _check_stretch_file(file: Path, shown: str, kept: memo.Memo | None) -> _Checked:
    try:
        raw = files.read_regular(file, limits.MAX_FILE_BYTES)
    except files.Refused as error:
        return _Checked(None, (Problem(shown, 0, "file", str(error)),))
    if kept is None:
        return _check_stretch(raw, shown, file.stem)
    key = memo.key("checked", shown, file.stem, hashlib.sha256(raw).hexdigest())
    packed = kept.get(key, lambda: memo.pack(_check_stretch(raw, shown, file.stem)))
    # Always the unpacked value, made just now or kept: a build cannot depend on which.
    return memo.unpack(packed, _CHECKED_KINDS)  # type: ignore[no-any-return]


def _check_stretch(raw: bytes, shown: str, slug: str) -> _Checked:
    source, problems = parse_source(raw, shown)
    if source is None:
        return _Checked(None, tuple(problems))
    stretch, more = build_stretch(source, slug)
    lines = source.line("name"), source.line("aliases")
    return _Checked(stretch, (*problems, *more), tuple(body_problems(source)), lines)


def _name_clashes(
    stretches: Iterable[Stretch], name_lines: Mapping[str, int], alias_lines: Mapping[str, int]
) -> list[Problem]:
    """A problem for each name or alias that another stretch (or the same one) already uses,
    ignoring case: search and people would not know which stretch is meant."""
    owners: dict[str, tuple[Stretch, str]] = {}
    problems: list[Problem] = []
    for stretch in stretches:
        other, _ = owners.setdefault(stretch.name.casefold(), (stretch, "the name"))
        if other is not stretch:
            message = (
                f"found {stretch.name!r}, already the name of {other.path}; "
                "allowed: a name no other stretch has, ignoring case"
            )
            problems.append(Problem(stretch.path, name_lines[stretch.slug], "name", message))
    for stretch in stretches:
        for alias in stretch.aliases:
            other, kind = owners.setdefault(alias.casefold(), (stretch, "an alias"))
            if other is stretch and kind == "an alias":
                continue
            whose = "its own name" if other is stretch else f"already {kind} of {other.path}"
            message = (
                f"found {alias!r}, {whose}; allowed: a name no stretch has as its name or "
                "alias, ignoring case"
            )
            problems.append(Problem(stretch.path, alias_lines[stretch.slug], "aliases", message))
    return problems


def routine_files(docs_dir: Path) -> list[Path]:
    """The routine pages: every ``docs/routines/<slug>.md`` but the folder's index."""
    folder = docs_dir / ROUTINES_DIR
    return sorted(
        file
        for file in folder.glob("*.md")
        if file.stem not in ("index", "README") and translation_parts(file.name) is None
    )


def load_routines(
    root: Path,
    docs_dir: Path,
    stretches: Mapping[str, Stretch],
    broken: Collection[str] = (),
    theme_has: Callable[[str], bool] | None = None,
    warnings: list[Problem] | None = None,
) -> tuple[dict[str, Routine], list[Problem]]:
    """Every routine page, checked against ``stretches``, and all problems. Slugs in ``broken``
    (stretch files with problems of their own) are not reported again."""
    routines: dict[str, Routine] = {}
    problems: list[Problem] = []
    for file in routine_files(docs_dir):
        source, read_problems = read_source(file, _shown(file, root))
        problems += read_problems
        if source is None:
            continue
        routine, routine_problems = build_routine(source, file.stem, stretches, broken, theme_has)
        problems += routine_problems
        (problems if warnings is None else warnings).extend(body_problems(source))
        if routine:
            routines[routine.slug] = routine
    return routines, sorted(problems)


def check_generated_paths(root: Path, docs_dir: Path, generated: Iterable[str]) -> list[Problem]:
    """A problem for each authored file in ``docs_dir`` that a generated page would replace."""
    return [
        Problem(
            _shown(docs_dir / path, root),
            0,
            "file",
            f"found an authored page where Limber generates {path}; allowed: no file at this path "
            "(remove or rename it)",
        )
        for path in generated
        if (docs_dir / path).exists()
    ]


def stray_files(root: Path, docs_dir: Path, generated: Iterable[str]) -> list[Problem]:
    """A problem for each file a contributor meant as a stretch that would not become one: in
    ``stretches/``, a folder or a file not named ``<slug>.md`` (``.MD``, ``.markdown``, what an
    editor saved as ``.md.txt``); in ``docs/stretches/``, any authored file, which would be
    published as a plain page where the stretch pages are. Hidden files are left alone."""
    problems: list[Problem] = []
    folder = root / STRETCHES_DIR
    try:
        entries = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return [
            Problem(
                _shown(folder, root),
                0,
                "file",
                f"found a folder that cannot be read ({reason}); allowed: a readable folder",
            )
        ]
    for entry in entries:
        if entry.name.startswith(".") or entry.is_symlink():  # links: files.check_tree
            continue
        if entry.is_dir():
            message = (
                "found a folder; allowed: stretch files directly in stretches/ "
                f"(stretches/<slug>.md): move its files up, then remove {entry.name}/"
            )
        elif not entry.name.endswith(".md"):
            stem, renamed = _STRAY_SUFFIX.subn("", entry.name)
            fix = (
                f"rename it {slugify(stem) or stem}.md"
                if renamed
                else "move it out of stretches/: a stretch is one Markdown file, and its picture "
                "is its figure"
            )
            message = (
                "found a file Limber does not read; allowed: <slug>.md for a stretch, "
                "<slug>.<language>.md for its translation" + f" ({fix})"
            )
        else:
            continue
        problems.append(Problem(_shown(entry, root), 0, "file", message))
    ours = set(generated)
    authored = docs_dir / STRETCHES_DIR
    for entry in sorted(authored.rglob("*")) if authored.is_dir() else []:
        path = entry.relative_to(docs_dir).as_posix()
        if entry.name.startswith(".") or entry.is_symlink() or not entry.is_file() or path in ours:
            continue
        message = (
            f"found an authored file in {_shown(authored, root)}/, where Limber writes the stretch "
            "pages; allowed: nothing there (a stretch goes in stretches/<slug>.md, beside "
            "mkdocs.yml: move it)"
        )
        problems.append(Problem(_shown(entry, root), 0, "file", message))
    return problems


# What comes after a stretch file's name when it was saved under another extension.
_STRAY_SUFFIX = re.compile(r"\.(md|markdown|mdown|mkd)(\.(txt|text))?$", re.IGNORECASE)


def load_library(
    root: Path,
    docs_dir: Path,
    theme_has: Callable[[str], bool] | None = None,
    warnings: list[Problem] | None = None,
    kept: memo.Memo | None = None,
) -> Library:
    """All content under ``root``; raises ``ContentError`` with every problem found (bounded in
    number). ``theme_has`` says whether the theme has a template file, when the build knows the
    theme: a routine's ``template`` and ``icon`` must name one it has. With ``warnings``, what
    the sanitizer would remove from bodies is put there instead of failing (the build warns).
    ``kept``: see ``load_stretches``. Links in bodies that lead nowhere (``limber.links``) are
    problems too, or warnings with ``warnings`` (the strict build fails on them)."""
    tree_problems = files.check_tree(root / STRETCHES_DIR, root) + files.check_tree(docs_dir, root)
    stretches, problems = load_stretches(root, warnings=warnings, kept=kept)
    broken = {Path(problem.path).stem for problem in problems} - set(stretches)
    routines, routine_problems = load_routines(
        root, docs_dir, stretches, broken, theme_has, warnings
    )
    problems += routine_problems + tree_problems
    generated = generated_files(stretches, routines)
    problems += check_generated_paths(root, docs_dir, generated)
    problems += stray_files(root, docs_dir, generated)
    # Links the strict build would refuse, at their lines (the build warns; strict fails).
    bodies = (links.Body.of(stretch) for stretch in stretches.values())
    broken_links = links.link_problems(bodies, lambda: site_files(docs_dir, generated))
    (problems if warnings is None else warnings).extend(broken_links)
    if problems:
        raise ContentError(bounded(problems))
    return Library(stretches, routines)


def generated_files(stretches: Iterable[str], routines: Iterable[str]) -> list[str]:
    """The files the build adds to the site, as paths within it, for these slugs."""
    slugs = list(stretches)
    generated = [STRETCH_INDEX, BUILDER_PAGE, *(stretch_page(slug) for slug in slugs)]
    generated += [routine_audio(slug) for slug in routines]
    generated += [figure_thumbnail(slug) for slug in slugs]
    return generated


def site_files(docs_dir: Path, generated: Iterable[str]) -> set[str]:
    """Every file of the site that a body may link to, as a path within it."""
    return {*generated, ROUTINE_INDEX, *_authored_files(docs_dir)}


def _authored_files(docs_dir: Path) -> Iterable[str]:
    """Every file in ``docs_dir``, as a path within the site (hidden folders left out)."""
    for top, folders, names in os.walk(docs_dir):
        folders[:] = [name for name in folders if not name.startswith(".")]
        base = Path(top).relative_to(docs_dir).as_posix()
        for name in names:
            yield name if base == "." else f"{base}/{name}"


def _shown(file: Path, root: Path) -> str:
    """How messages name ``file``: relative to the repository, links not followed (a link's
    target is not the contributor's file)."""
    shown = files.shown(file, root)
    if shown == file.as_posix() and file.is_absolute():
        try:
            return file.relative_to(root.resolve()).as_posix()
        except ValueError:
            return shown
    return shown
