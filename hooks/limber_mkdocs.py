"""MkDocs hook: the only module that touches MkDocs. Each event hands off to the ``limber`` package.

Registered in ``mkdocs.yml`` under ``hooks:``. Content is validated in ``on_pre_build``, before
MkDocs empties ``site/``, so bad content fails the build and leaves the last good site alone.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mkdocs
from jinja2 import Environment, TemplateNotFound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from limber import (
    assets,
    atomic,
    builder,
    colours,
    html,
    languages,
    limits,
    memo,
    messages,
    offline,
    pages,
    paths,
    sanitize,
    search,
    stemming,
    templating,
    translations,
)
from limber import cache as seals
from limber.audio.build import AudioFiles, build_routine_audio
from limber.audio.markup import render_audio_block
from limber.figures.svg import thumbnail
from limber.loading import Library, load_library
from limber.model import Stretch
from limber.printing import PrintFiles, build_print_files
from limber.problems import ContentError, Problem

log = logging.getLogger("mkdocs.hooks.limber")

_library: Library | None = None
_printed: PrintFiles | None = None
_audio = AudioFiles()
_serving = False
_final_site: Path | None = None  # where the finished site goes; MkDocs writes beside it first
_building: Path | None = None
_language = messages.SOURCE_LANGUAGE  # this build's language (the theme's); others build below
_translated: translations.Translations | None = None
_fallbacks: dict[str, str] = {}  # page source path → link to its English original
_memo = memo.Memo(None, "")  # pieces of pages kept from the last build (limber/memo.py)
_digests: dict[str, str] = {}  # stretch slug → the key of its validated model
_files_key = ""  # the key of the site's file list: what links may point to


class _WarningCount(logging.Handler):
    """Counts MkDocs' warnings, as strict mode does, to know before the swap whether it will
    fail the build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_warnings = _WarningCount()


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is ``mkdocs serve``: a preview gets no service worker, and writes
    to a folder of its own already."""
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Choose the catalogue of the theme's language; load Limber's styles and scripts on every
    page; build into a fresh folder beside ``site/``, moved into place only if the whole build
    succeeds."""
    global _final_site, _building, _language
    _language = config.theme.get("language") or messages.SOURCE_LANGUAGE
    messages.use(_language)
    if not _serving and _building is None and not _is_translation_build():
        _final_site = Path(config.site_dir)
        _building = atomic.fresh_folder(_final_site)
        config.site_dir = str(_building)
        _warnings.count = 0
        logging.getLogger("mkdocs").addHandler(_warnings)
    for name in (assets.COLOUR_STYLES, *assets.STYLES):
        if paths.asset(name) not in config.extra_css:
            config.extra_css.append(paths.asset(name))
    for name in (assets.DATA_SCRIPT, *assets.SCRIPTS):
        if paths.asset(name) not in config.extra_javascript:
            config.extra_javascript.append(paths.asset(name))
    if languages.built_languages():
        # The theme's language switcher, with Limber's own menu (theme/partials/alternate.html).
        if str(languages.THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(languages.THEME_DIR))
        config.extra["alternate"] = True  # shows the menu; its links are set page by page
        # Words of the theme's that mkdocs.yml or Material would say in English (theme/).
        config.extra["limber_made_with"] = messages.text("language.made_with")
        config.extra["limber_not_found"] = messages.text("language.not_found")
        config.extra["limber_go_home"] = messages.text("language.go_home")
        toc = config.mdx_configs.get("toc")
        if isinstance(toc, dict) and toc.get("permalink"):
            toc["permalink_title"] = messages.text("language.permalink")
    config.nav = languages.translate_nav(config.nav)
    if _is_translation_build():
        config.site_description = messages.text("language.site_description")
        config.copyright = messages.text("language.copyright")
        config.theme["palette"] = languages.translate_palette(config.theme.get("palette"))
    return config


def _is_translation_build() -> bool:
    return _language != messages.SOURCE_LANGUAGE


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """With other languages and a ``site_url``, the sitemap (theme/sitemap.xml) gives each page's
    address in every language, where search engines read them."""
    if languages.built_languages() and config.site_url:
        env.globals["limber_sitemap_alternates"] = functools.partial(
            languages.alternate_urls, site_url=config.site_url, current=_language
        )
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate all content; on any problem, report every one and stop the build."""
    global _library, _translated
    root = Path(config.config_file_path).parent
    warnings: list[Problem] = []
    problems: list[Problem] = []
    try:
        # Stretch files checked by an earlier build, unchanged since, are not checked again.
        checks = _cache(config, every_language=True) / "checks.json"
        kept = memo.open_memo(checks, memo.fingerprint("checks"), placeholders=False)
        library = load_library(root, Path(config.docs_dir), _theme_has(config), warnings, kept)
        kept.finish(write=not _serving)
        # Every language's translations are checked by the English build, before site/ is
        # touched: a bad one fails the build and leaves the last good site alone.
        translated = translations.load_translations(root, Path(config.docs_dir), library, warnings)
    except ContentError as error:
        problems = error.problems
    # Every problem found, then one failure: what the sanitizer would remove and links leading
    # nowhere are warnings (strict mode fails on them), the rest errors.
    for problem in warnings:
        log.warning(str(problem))
    for problem in problems:
        log.error(str(problem))
    if problems:
        count = len(problems)
        raise Abort(
            f"Limber found {count} problem{'s' if count != 1 else ''} in the content; "
            "nothing was built."
        )
    _translated = translated
    if _is_translation_build():
        library = translations.translate_library(library, translated, _language)
    else:
        for stale in translated.stale:
            log.info(f"Limber: {translations.stale_message(stale)}")
    _library = library


def _theme_has(config: MkDocsConfig) -> Callable[[str], bool]:
    env = config.theme.get_env()

    def has(name: str) -> bool:
        try:
            env.loader.get_source(env, name)  # type: ignore[union-attr]
        except TemplateNotFound:
            return False
        return True

    return has


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages, cards, icons and assets (authored files at those paths were
    refused in on_pre_build)."""
    library = _require_library()
    global _memo, _digests, _files_key

    def add(src_uri: str, *, in_nav: bool = False) -> File:
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src_uri, content="", inclusion=inclusion)
        files.append(file)
        return file

    for name, path in assets.files():
        files.append(File.generated(config, paths.asset(name), abs_src_path=str(path)))
    data = assets.render_data_script(messages.current())
    colour_css = colours.render_css()
    files.append(File.generated(config, paths.asset(assets.COLOUR_STYLES), content=colour_css))
    files.append(File.generated(config, paths.asset(assets.DATA_SCRIPT), content=data))
    root = Path(config.config_file_path).parent
    for site_path, icon in offline.write_icons(_cache(config) / "icons").items():
        files.append(File.generated(config, site_path, abs_src_path=str(icon)))
    manifest = offline.render_manifest(
        config.site_name, config.site_description or "", messages.current().language
    )
    files.append(File.generated(config, paths.MANIFEST, content=json.dumps(manifest, indent=1)))
    printed = _print_files(config, library)
    for site_path, cached in printed.files.items():
        files.append(File.generated(config, site_path, abs_src_path=str(cached)))
    for site_path, cached in _audio_files(config, library).files.items():
        files.append(File.generated(config, site_path, abs_src_path=str(cached)))
    # Read after the cards and audio are made: their worker processes need none of it.
    options = (Path(__file__).read_bytes(), _language, str(config.use_directory_urls))
    _memo = memo.open_memo(_cache(config) / "pieces.json", memo.fingerprint(*options))
    _digests = {slug: memo.key(stretch) for slug, stretch in library.stretches.items()}
    for slug, stretch in library.stretches.items():
        picture = _memo.get(
            memo.key("thumbnail", stretch.figure, stretch.areas),
            functools.partial(thumbnail, stretch.figure, stretch.areas),
        )
        files.append(File.generated(config, paths.figure_thumbnail(slug), content=picture))
    _lay_translations(files, config)
    index = add(paths.STRETCH_INDEX, in_nav=True)
    stretch_files = {slug: add(paths.stretch_page(slug)) for slug in library.stretches}
    stretch_translations = _translations_of("stretch")
    for slug, file in stretch_files.items():
        # "Edit this page" opens the stretch's own file (or its translation), beside docs/.
        translation = stretch_translations.get(slug)
        source = root / (translation.path if translation else library.stretches[slug].path)
        file.edit_uri = os.path.relpath(source, config.docs_dir).replace(os.sep, "/")
        if _is_translation_build() and translation is None:
            _fallbacks[file.src_uri] = languages.page_in(
                messages.SOURCE_LANGUAGE, file.url, _language
            )
    builder_page = add(paths.BUILDER_PAGE, in_nav=True)
    routine_index = None
    if files.get_file_from_path(paths.ROUTINE_INDEX) is None:
        routine_index = add(paths.ROUTINE_INDEX, in_nav=True)

    index.content_string = pages.render_stretch_index_markdown(len(library.stretches))
    builder_page.content_string = builder.render_builder_markdown(len(library.stretches))
    for slug, file in stretch_files.items():
        file.content_string = pages.render_stretch_markdown(library.stretches[slug])
    if routine_index is not None:
        routines = sorted(library.routines.values(), key=lambda r: r.title.casefold())
        routine_index.content_string = pages.render_routine_index(
            routines, _linker(files, routine_index)
        )
    _files_key = memo.key(*sorted(file.src_uri for file in files))
    return files


def _translations_of(kind: translations.Kind) -> dict[str, translations.Translation]:
    if _translated is None or not _is_translation_build():
        return {}
    return _translated.of(_language, kind)


def _lay_translations(files: Files, config: MkDocsConfig) -> None:
    """Translation files are not pages of their own: in a language's build, each one's text
    takes its original's place; an authored page without one is shown in English with a
    notice."""
    for file in list(files):
        if translations.is_translation(Path(file.src_uri)):
            files.remove(file)
    global _fallbacks
    _fallbacks = {}
    if not _is_translation_build():
        return
    root = Path(config.config_file_path).parent
    laid = _translations_of("page") | {
        paths.routine_page(slug): t for slug, t in _translations_of("routine").items()
    }
    for file in files.documentation_pages():
        translation = laid.get(file.src_uri)
        if translation is None:
            _fallbacks[file.src_uri] = languages.page_in(
                messages.SOURCE_LANGUAGE, file.url, _language
            )
            continue
        file.content_string = (root / translation.path).read_text(encoding="utf-8-sig")
        source = root / translation.path
        file.edit_uri = os.path.relpath(source, config.docs_dir).replace(os.sep, "/")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render routine pages from their front-matter; escape authored titles for the theme."""
    routine = _routine_for(page)
    if page.file.generated_by is None and isinstance(page.meta.get("description"), str):
        page.meta["description"] = html.text(page.meta["description"])  # the theme prints it raw
    if routine is not None:
        page.meta["title"] = html.text(routine.title)
        if routine.summary and "description" not in page.meta:
            page.meta["description"] = html.text(routine.summary)
        return pages.render_routine_markdown(markdown)
    if page.file.generated_by is not None:
        if _stretch_for(page) is not None and _can_keep_render(config):
            # Rendered as an earlier build rendered it, when nothing it is made of changed.
            kept = functools.partial(_kept_render, page, render=page.render)
            page.render = kept  # type: ignore[method-assign]
        return markdown  # a stretch page: its body may not call for Limber's own blocks
    if page.file.src_uri in _fallbacks:  # English text: not what a translation's search finds
        page.meta["search"] = {"exclude": True}
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = html.text(page.meta["title"])
    if page.file.src_uri == paths.HOME_PAGE:
        markdown = pages.mark_home(markdown)
    for marker, render in (
        (pages.VOCABULARY_MARKER, pages.render_vocabularies),
        (limits.LIMITS_MARKER, limits.render_table),
        (sanitize.ALLOWLIST_MARKER, sanitize.render_allowlist),
        (offline.SAVE_MARKER, offline.render_save_block),
    ):
        if marker in markdown:
            markdown = markdown.replace(marker, render())
    return markdown


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the generated pages' HTML blocks in, after Markdown has rendered the rest; a page
    whose inputs are those of the last build gets the same HTML from the memo."""
    inputs = _page_inputs(page, config)
    if inputs is None:
        return _with_notice(html_text, page)
    link = _linker(files, page.file)
    key = memo.key(inputs, html_text)
    kept = _memo.kept(key, lambda piece: _links_hold(piece[2], link))
    if kept is not memo.MISSING:
        content, entries, _ = kept
    else:
        noted = _NotedLink(link)
        content, entries = _page_content(html_text, page, inputs, noted)
        _memo.keep(key, (content, entries, noted.used))
    if entries:
        _add_search_entries(config, entries)
    # Links to the headings Limber adds (a stretch page's "How to do it") are links to anchors.
    page.present_anchor_ids = (page.present_anchor_ids or set()) | set(_ID.findall(content))
    return _with_notice(content, page)


class _NotedLink:
    """A page's linker that notes each file it links to, with the address it gave: a piece made
    with it is kept for as long as those files are where they were, whatever else is added or
    removed (a stretch added in a preview makes only the pages that list it again)."""

    def __init__(self, link: pages.Link) -> None:
        self.link = link
        self.used: dict[str, str] = {}

    def __call__(self, src_uri: str) -> str:
        self.used[src_uri] = url = self.link(src_uri)
        return url


def _links_hold(used: dict[str, str], link: pages.Link) -> bool:
    try:
        return all(link(src_uri) == url for src_uri, url in used.items())
    except Abort:  # a file it linked to is gone
        return False


# Markdown extensions whose output is the page's text and options alone, with the versions of
# Python-Markdown and PyMdown Extensions (in the memo's fingerprint). Others may read files (a
# snippet, an image, an icon) that no key would follow.
_PURE_EXTENSIONS = {
    *(f"{prefix}{name}" for prefix in ("", "markdown.extensions.") for name in (
        "abbr", "admonition", "attr_list", "def_list", "extra", "fenced_code", "footnotes",
        "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty",
        "tables", "toc", "wikilinks",
    )),
    *(f"pymdownx.{name}" for name in (
        "betterem", "caret", "critic", "details", "escapeall", "highlight", "inlinehilite",
        "keys", "mark", "saneheaders", "smartsymbols", "superfences", "tabbed", "tasklist",
        "tilde",
    )),
}  # fmt: skip


def _can_keep_render(config: MkDocsConfig) -> bool:
    """Whether a stretch page's rendering can be kept: MkDocs 1.6's ``Page.render`` sets exactly
    what ``_kept_render`` puts back, and each Markdown extension reads the page's text alone."""
    names = config.markdown_extensions
    return mkdocs.__version__.startswith("1.6.") and all(
        isinstance(name, str) and name in _PURE_EXTENSIONS for name in names
    )


def _kept_render(
    page: Page, config: MkDocsConfig, files: Files, *, render: Callable[..., None]
) -> None:
    """``page.render`` for a stretch page. Its HTML, table of contents and anchors are what an
    earlier build rendered from the same Markdown at the same address with the same Markdown
    options (and among the same files, if it may link); else it is rendered, and kept unless
    rendering warned (a kept page says nothing, so a warning would not be seen again). A
    thousand stretch pages rendered again are a fifth of a build, and ``mkdocs serve`` renders
    them after each edit."""
    # Only a page that may link (Markdown or HTML) depends on which files the site has.
    linking = _MAY_LINK.search(templating.without_markers(page.markdown or ""))
    key = memo.key(
        "render", page.markdown, page.file.src_uri, page.url, _files_key if linking else "",
        config.markdown_extensions, config.mdx_configs, config.validation,
    )  # fmt: skip
    kept = _memo.kept(key)
    if kept is not memo.MISSING:
        page.content = kept["content"]
        page.toc = get_toc(kept["toc"])
        page._title_from_render = kept["title"]
        page.present_anchor_ids = set(kept["anchors"])
        page.links_to_anchors = {
            file: anchors
            for uri, anchors in kept["links"].items()
            if (file := files.get_file_from_path(uri)) is not None
        }
        return
    warned = _WarningCount()
    loggers = logging.getLogger("mkdocs"), logging.getLogger()  # MkDocs' does not propagate
    for logger in loggers:
        logger.addHandler(warned)
    try:
        render(config, files)
    finally:
        for logger in loggers:
            logger.removeHandler(warned)
    links = page.links_to_anchors  # None when MkDocs logs at debug level: not kept then
    if warned.count or links is None:
        return
    rendered = {
        "content": page.content,
        "toc": _toc_tokens(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {file.src_uri: dict(anchors) for file, anchors in links.items()},
    }
    _memo.keep(key, rendered)


def _toc_tokens(links: Iterable[AnchorLink]) -> list[dict[str, Any]]:
    """A table of contents as the tokens MkDocs' ``get_toc`` makes it from."""
    return [
        {
            "name": link.title,
            "id": link.id,
            "level": link.level,
            "children": _toc_tokens(link.children),
        }
        for link in links
    ]


_ID = re.compile(r'\sid="([^"]+)"')
_MAY_LINK = re.compile(r"\]\(|\]:|<")  # a link, image or definition, or any HTML


@dataclass(frozen=True)
class _PageInputs:
    """All a generated page's HTML is made of besides its Markdown output and the files it
    links to (which its pieces note, ``_NotedLink``), as one value: the memo's key and the
    page's maker read the same fields, so they cannot disagree."""

    kind: str  # stretch, routine, index, builder, home
    model: str  # the key of what the page shows: its stretch, routine, or the library
    url: str  # the page's own address, which its links are relative to
    canonical: str | None  # its full address, with a site_url
    cards: bool
    fallback: bool  # English text in another language's site
    audio_seconds: float | None


def _page_inputs(page: Page, config: MkDocsConfig) -> _PageInputs | None:
    """The inputs of a page Limber fills in; None for the others."""
    library, src = _require_library(), page.file.src_uri
    stretch = _stretch_for(page) if page.file.generated_by else None
    routine = _routine_for(page)
    if stretch is not None:
        kind, model = "stretch", _digests[stretch.slug]
    elif routine is not None:
        kind, model = "routine", memo.key(routine)
    elif src == paths.STRETCH_INDEX and page.file.generated_by:
        kind, model = "index", memo.key(*_digests.values())
    elif src == paths.BUILDER_PAGE and page.file.generated_by:
        kind, model = "builder", memo.key(*_digests.values())
    elif src == paths.HOME_PAGE:
        kind, model = "home", memo.key(*_digests.values(), *library.routines.values())
    else:
        return None
    return _PageInputs(
        kind=kind,
        model=model,
        url=page.url,
        canonical=page.canonical_url if config.site_url else None,
        cards=_printed is not None and bool(_printed.files),
        fallback=src in _fallbacks,
        audio_seconds=_audio.seconds.get(routine.slug) if routine is not None else None,
    )


def _page_content(
    html_text: str, page: Page, inputs: _PageInputs, link: pages.Link
) -> tuple[str, list[search.Entry]]:
    """A generated page's HTML with its blocks filled in, and its search entries (a stretch
    page's are made from the model)."""
    library = _require_library()
    stretches = list(library.stretches.values())
    routine = _routine_for(page) if inputs.kind == "routine" else None
    stretch = _stretch_for(page) if inputs.kind == "stretch" else None
    entries: list[search.Entry] = []
    if routine is not None or stretch is not None:
        try:
            wrapper = "limber-sheet-hide" if routine is not None else ""
            text_lang = messages.SOURCE_LANGUAGE if inputs.fallback else ""
            html_text = pages.clean_body(html_text, wrapper, text_lang)
        except pages.BodyError as error:
            path = routine.path if routine is not None else stretch.path  # type: ignore[union-attr]
            raise Abort(f"{path}: body: {error}; nothing was published") from None
    if routine is not None:
        blocks = pages.render_routine_blocks(
            routine, link, cards=inputs.cards, url=inputs.canonical
        )
        # "Customise this routine" goes under the player, opening the builder.
        blocks["top"] += builder.customise_link(routine, link)
        seconds = inputs.audio_seconds
        audio = render_audio_block(routine, link, seconds, inputs.cards) if seconds else ""
        blocks["audio"] = audio
    elif stretch is not None:
        if not inputs.fallback:  # English text: not what a translation's search finds
            entries = search.stretch_entries(stretch, inputs.url, html_text)
        blocks = pages.render_stretch_blocks(stretch, link, card=inputs.cards)
    elif inputs.kind == "index":
        blocks = pages.render_stretch_index_blocks(stretches, link, cards=inputs.cards)
    elif inputs.kind == "builder":
        blocks = builder.render_builder_blocks(stretches, link, url=inputs.canonical)
    else:
        blocks = pages.render_home_blocks(list(library.routines.values()), stretches, link)
    return pages.fill(html_text, blocks), entries


def _with_notice(html_text: str, page: Page) -> str:
    """A page not translated into this build's language: the notice above its English text."""
    original = _fallbacks.get(page.file.src_uri)
    if original is None:
        return html_text
    generated = bool(page.file.generated_by) or _routine_for(page) is not None
    return languages.add_fallback_notice(html_text, original, generated=generated)


def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    """The language switcher's links: the same page in each language."""
    if languages.built_languages():
        context["limber_alternates"] = languages.alternates(page.url, _language)
    return context


@event_priority(-200)  # last: after Material's offline plugin (-100) writes its search index
def on_post_build(config: MkDocsConfig) -> None:
    """Build the other languages into their folders, zip the site for folder use, write each
    language's service worker, then move the finished site into place (unless strict mode is
    about to fail the build)."""
    site = Path(config.site_dir)
    _memo.finish(write=not _serving)  # a preview keeps its pieces in memory, for the rebuild
    log.info(f"Limber: {_memo.made} pieces of pages made, {_memo.hits} kept from the last build")
    if not stemming.add_query_stemming(site):
        log.info("Limber: Material's search worker not found; search finds whole words only")
    if _is_translation_build():
        return  # the English build writes every language's offline files, once the zip is made
    built = languages.built_languages()
    for language in built:  # a preview too: a translator sees their language served
        _build_language(config, language, site / paths.language_dir(language))
    messages.use(_language)
    if _serving:  # a cached preview would hide the edit just saved
        return
    for language, precache in offline.write_offline_sites(site, built, _final_site).items():
        log.info(
            f"Limber ({language}): offline precache {len(precache.files)} files, "
            f"{precache.size / 1_000_000:.1f} MB, cache limber-{precache.version}; "
            f"{len(precache.later)} files, {precache.later_size / 1_000_000:.1f} MB, saved later"
        )
    _finish(config, keep=not (config.strict and _warnings.count))


def _build_language(config: MkDocsConfig, language: str, site_dir: Path) -> None:
    """The whole site once more in ``language``, into its folder of the site being built: the
    same configuration with the theme (and so search and Material's words) in that language."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_url = (
        f"{config.site_url.rstrip('/')}/{paths.language_dir(language)}/"
        if config.site_url
        else None
    )
    overrides: dict[str, Any] = {"site_dir": str(site_dir), "strict": config.strict}
    if site_url:
        overrides["site_url"] = site_url
    translated = load_config(config_file=config.config_file_path, **overrides)
    translated.theme["language"] = language
    # MkDocs loads this module once per process: the language's build runs these same events,
    # so the English build's state is put back after it.
    state = {name: globals()[name] for name in _BUILD_STATE}
    try:
        build(translated)
    finally:
        globals().update(state)
        messages.use(_language)


_BUILD_STATE = (
    "_library", "_printed", "_audio", "_language", "_translated", "_fallbacks",
    "_memo", "_digests", "_files_key",
)  # fmt: skip


def on_build_error(error: Exception) -> None:
    """A failed build leaves ``site/`` exactly as it was: its temporary folder goes."""
    _finish(None, keep=False)


def on_shutdown() -> None:
    """Also after Ctrl-C (which skips ``on_build_error``): no temporary folder stays behind."""
    _finish(None, keep=False)


def _finish(config: MkDocsConfig | None, *, keep: bool) -> None:
    global _building
    building, _building = _building, None
    logging.getLogger("mkdocs").removeHandler(_warnings)
    if building is None or _final_site is None:
        return
    if keep:
        atomic.swap_into_place(building, _final_site)
    else:
        atomic.discard(building)
    if config is not None:
        config.site_dir = str(_final_site)  # for what runs next (gh-deploy reads it)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put the figure and timer in (after search indexing); with a ``site_url``, make a stretch
    page's card its social preview image; drop the indentation of stretch pages. The same page
    in the other languages is in the menu's links, and in the sitemap for search engines (not
    in the page's head: the theme asks for a sitemap.xml beside each such link)."""
    if (routine := _routine_for(page)) is not None:
        return pages.fill(output, pages.render_routine_late_blocks(routine))
    stretch = _stretch_for(page) if page.file.generated_by else None
    if stretch is None:
        return output
    late = _memo.get(
        memo.key("late", _digests[stretch.slug]), lambda: pages.render_stretch_late_blocks(stretch)
    )
    output = pages.fill(output, late)
    card = paths.card_image(stretch.slug)
    if config.site_url and _printed is not None and card in _printed.files:
        image = config.site_url.rstrip("/") + "/" + card
        tags = pages.social_meta(stretch.name, stretch.summary, image)
        output = output.replace("</head>", tags + "</head>", 1)
    return html.compact(output)  # a thousand of these go in the offline precache


def _add_search_entries(config: MkDocsConfig, new: list[search.Entry]) -> None:
    """A stretch page's search entries, made from the model, into the theme's search index."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    entries = getattr(getattr(plugin, "search_index", None), "entries", None)
    if isinstance(entries, list):
        entries.extend(new)


def _print_files(config: MkDocsConfig, library: Library) -> PrintFiles:
    global _printed
    if os.environ.get("LIMBER_CARDS", "on") == "off":
        _printed = PrintFiles({}, 0)
        return _printed
    cache = _cache(config)
    _printed = build_print_files(library, cache)
    log.info(f"Limber: {len(library.stretches)} cards, {_printed.drawn} drawn, the rest cached")
    return _printed


def _cache(config: MkDocsConfig, *, every_language: bool = False) -> Path:
    """The cache folder, as real folders: a link committed in its place is removed. Each
    language has its own (a build prunes what it did not use from its cache), below the one
    for what does not depend on the language (``every_language``)."""
    root = Path(config.config_file_path).parent
    seals.safe_folder(root / ".cache")
    cache = seals.safe_folder(root / paths.CACHE_DIR)
    if every_language or not _is_translation_build():
        return cache
    return seals.safe_folder(cache / _language)


def _audio_files(config: MkDocsConfig, library: Library) -> AudioFiles:
    """Each routine's MP3. Where speech cannot load, one info line (not a warning: a strict
    build must still pass, and the site is whole without audio) and no audio links."""
    global _audio
    if os.environ.get("LIMBER_AUDIO", "on") == "off":
        _audio = AudioFiles(left_out="LIMBER_AUDIO=off")
    else:
        cache = _cache(config) / "audio"
        _audio = build_routine_audio(library, cache)
    if _audio.left_out:
        if not _is_translation_build():  # said once for the whole site
            log.info(f"Limber: routine audio left out: {_audio.left_out}")
    else:
        log.info(
            f"Limber: {len(_audio.seconds)} routine audio tracks and the builder's clips, "
            f"{_audio.rendered} rendered, the rest cached"
        )
    return _audio


def _stretch_for(page: Page) -> Stretch | None:
    folder, _, name = page.file.src_uri.rpartition("/")
    if folder != paths.STRETCHES_DIR:
        return None
    return _require_library().stretches.get(name.removesuffix(".md"))


def _routine_for(page: Page) -> Any:
    folder, _, name = page.file.src_uri.rpartition("/")
    if folder != paths.ROUTINES_DIR or not name.endswith(".md"):
        return None
    return _require_library().routines.get(name[: -len(".md")])


def _linker(files: Files, origin: File) -> pages.Link:
    def link(src_uri: str) -> str:
        target = files.get_file_from_path(src_uri)
        if target is None:
            raise Abort(f"Limber links to {src_uri}, which does not exist in docs/.")
        return target.url_relative_to(origin)

    return link


def _require_library() -> Library:
    if _library is None:
        raise Abort("Limber's content was not loaded; is the hook registered in mkdocs.yml?")
    return _library
