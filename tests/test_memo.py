"""The memo of page pieces: kept across builds only when sealed, of the same code, and asked for
with the same inputs; placeholders work in the process that reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from limber import memo, templating


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test starts as a new process would: no memo held, its own cache key."""
    monkeypatch.setattr(memo, "_open", {})
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("limber.cache._key", None)


def new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "_open", {})
    monkeypatch.setattr(templating, "_NONCE", templating.secret()[::-1] + "x")


class Maker:
    """Makes a piece and counts how often it was asked to."""

    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_piece_is_made_once_and_kept_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pieces.json"
    make = Maker({"top": "<p>Cat-cow</p>"})
    first = memo.open_memo(path, "code 1")
    assert first.get(memo.key("stretch", "cat-cow"), make) == {"top": "<p>Cat-cow</p>"}
    first.finish(write=True)
    new_process(monkeypatch)
    second = memo.open_memo(path, "code 1")
    assert second.get(memo.key("stretch", "cat-cow"), make) == {"top": "<p>Cat-cow</p>"}
    assert make.calls == 1 and (second.made, second.hits) == (0, 1)


def test_other_inputs_or_other_code_make_the_piece_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pieces.json"
    first = memo.open_memo(path, "code 1")
    first.get(memo.key("stretch", "cat-cow"), Maker("old"))
    first.finish(write=True)
    new_process(monkeypatch)
    edited = Maker("new")
    assert memo.open_memo(path, "code 1").get(memo.key("stretch", "cat-cow!"), edited) == "new"
    new_process(monkeypatch)
    recoded = Maker("recoded")
    assert memo.open_memo(path, "code 2").get(memo.key("stretch", "cat-cow"), recoded) == "recoded"
    assert edited.calls == recoded.calls == 1


@pytest.mark.parametrize("damage", ["edit", "unseal", "garbage"])
def test_a_memo_this_machine_did_not_write_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = tmp_path / "pieces.json"
    first = memo.open_memo(path, "code 1")
    first.get(memo.key("home"), Maker("<p>safe</p>"))
    first.finish(write=True)
    if damage == "edit":  # say, a pull request that commits a memo with a script in it
        path.write_text(path.read_text().replace("safe", "<script>x()</script>"))
    elif damage == "unseal":
        path.with_name(path.name + ".sig").unlink()
    else:
        path.write_bytes(b"\xff not json")
    new_process(monkeypatch)
    again = Maker("<p>made again</p>")
    assert memo.open_memo(path, "code 1").get(memo.key("home"), again) == "<p>made again</p>"
    assert again.calls == 1


def test_placeholders_carry_the_secret_of_the_process_that_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pieces.json"
    page = f"<h1>Cat-cow</h1>{templating.marker('figure')}"
    first = memo.open_memo(path, "code 1")
    first.get(memo.key("stretch", page), Maker([page, [{"title": "Cat-cow"}]]))
    first.finish(write=True)
    assert templating.secret() not in path.read_text()
    new_process(monkeypatch)
    # The same page rendered by this process has this process's placeholder: the same key.
    page_now = f"<h1>Cat-cow</h1>{templating.marker('figure')}"
    kept = memo.open_memo(path, "code 1").get(memo.key("stretch", page_now), Maker(None))
    assert kept == [page_now, [{"title": "Cat-cow"}]]
    assert templating.fill(kept[0], {"figure": "<svg></svg>"}) == "<h1>Cat-cow</h1><svg></svg>"


def test_the_memo_keeps_only_what_the_last_build_used_and_is_not_rewritten_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pieces.json"
    first = memo.open_memo(path, "code 1")
    first.get(memo.key("a"), Maker("A"))
    first.get(memo.key("b"), Maker("B"))
    first.finish(write=True)
    new_process(monkeypatch)
    second = memo.open_memo(path, "code 1")
    second.get(memo.key("a"), Maker("A"))
    second.finish(write=True)  # "b" was not used: dropped
    written = path.stat().st_mtime_ns
    new_process(monkeypatch)
    third = memo.open_memo(path, "code 1")
    third.get(memo.key("a"), Maker("A"))
    third.finish(write=True)
    assert path.stat().st_mtime_ns == written
    new_process(monkeypatch)
    dropped = Maker("B")
    memo.open_memo(path, "code 1").get(memo.key("b"), dropped)
    assert dropped.calls == 1


def test_a_rebuild_in_the_same_process_reuses_the_memo_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "pieces.json"
    first = memo.open_memo(path, "code 1")
    first.get(memo.key("a"), Maker("A"))  # not saved: mkdocs serve keeps it in memory
    make = Maker("A")
    assert memo.open_memo(path, "code 1").get(memo.key("a"), make) == "A"
    assert make.calls == 0


def test_the_fingerprint_changes_with_the_code_and_the_options() -> None:
    assert memo.fingerprint("hook", "en") == memo.fingerprint("hook", "en")
    assert memo.fingerprint("hook", "en") != memo.fingerprint("hook", "es")
    assert memo.fingerprint(b"hook 1") != memo.fingerprint(b"hook 2")


def test_the_fingerprint_changes_with_any_template_or_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("templates/stretch_top.html", "messages/en.yml", "pages/stretch.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{name}\n")
    monkeypatch.setattr(memo, "_PACKAGE", tmp_path)
    before = memo.fingerprint("hook")
    (tmp_path / "messages" / "en.yml").write_text("stretch:\n  how_to: How to\n")
    assert memo.fingerprint("hook") != before


def test_a_piece_holding_the_token_itself_is_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A NUL in an authored page would read back as a live placeholder: such pieces are made
    afresh every build."""
    path = tmp_path / "pieces.json"
    first = memo.open_memo(path, "code 1")
    first.get(memo.key("page", "<p>\0</p>"), Maker("<p>\0</p>"))
    first.get(memo.key("page", "<p>fine</p>"), Maker("<p>\0 made</p>"))
    first.finish(write=True)
    new_process(monkeypatch)
    again = memo.open_memo(path, "code 1")
    for page in ("<p>\0</p>", "<p>fine</p>"):
        again.get(memo.key("page", page), Maker(page))
    assert again.made == 2


def test_a_preview_keeps_only_what_its_last_rebuild_used(tmp_path: Path) -> None:
    path = tmp_path / "pieces.json"
    preview = memo.open_memo(path, "code 1")
    preview.get(memo.key("old"), Maker("old"))
    preview.finish(write=False)
    assert not path.exists()
    rebuild = memo.open_memo(path, "code 1")
    rebuild.get(memo.key("new"), Maker("new"))
    rebuild.finish(write=False)
    old = Maker("old")
    memo.open_memo(path, "code 1").get(memo.key("old"), old)
    assert old.calls == 1


def test_a_piece_made_of_tuples_and_lists_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pieces.json"
    first = memo.open_memo(path, "code 1")
    first.get(memo.key("page"), Maker(("<p>page</p>", [{"title": "Cat-cow"}])))
    first.finish(write=True)
    new_process(monkeypatch)
    again = memo.open_memo(path, "code 1")
    content, entries = again.get(memo.key("page"), Maker(None))
    assert (content, entries, again.made) == ("<p>page</p>", [{"title": "Cat-cow"}], 0)


def test_every_stretch_packs_to_json_and_back_as_it_was() -> None:
    """Checked stretch files are kept as JSON (limber/loading.py): each comes back equal, down
    to its repr, which keys every piece made from it."""
    from limber.loading import _CHECKED_KINDS, load_stretches

    from .conftest import ROOT

    stretches, _ = load_stretches(ROOT)
    assert any(stretch.figure is not None for stretch in stretches.values())
    for stretch in stretches.values():
        again = memo.unpack(json.loads(json.dumps(memo.pack(stretch))), _CHECKED_KINDS)
        assert again == stretch and repr(again) == repr(stretch)


def test_only_model_values_are_packed() -> None:
    for value in ({"a": 1}, {1, 2}, b"bytes"):
        with pytest.raises(TypeError):
            memo.pack(value)


def test_a_memo_without_placeholders_keeps_its_pieces_as_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "checks.json"
    first = memo.open_memo(path, "code 1", placeholders=False)
    piece = ["kept \0 as it is", templating.secret()]
    first.get(memo.key("checked"), Maker(piece))
    first.finish(write=True)
    new_process(monkeypatch)
    again = memo.open_memo(path, "code 1", placeholders=False)
    assert again.get(memo.key("checked"), Maker(None)) == piece and again.made == 0
