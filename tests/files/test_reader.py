"""The reader, on libyaml and on pure Python: text stays text, positions are exact, traps are closed."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cmcal.bounds import MAX_BYTES
from cmcal.files.reader import Mapping, Scalar, Sequence, read_bytes, read_text

LOADERS = [pytest.param(yaml.BaseLoader, id="python")]
if getattr(yaml, "__with_libyaml__", False):
    LOADERS.insert(0, pytest.param(yaml.CBaseLoader, id="libyaml"))


def codes(doc: Any) -> list[str]:
    return [f"{p.line}:{p.column} {p.code}" for p in doc.problems]


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest) -> Any:
    return request.param


def value(root: Any, *path: str | int) -> Any:
    node = root
    for step in path:
        node = node.items[step][1] if isinstance(node, Mapping) else node.items[step]
    return node


def test_yaml_1_1_traps_stay_text(loader: Any) -> None:
    doc = read_text("at: 11:30\nb: no\nc: on\nd: 010\ne: 2026-12-01\nf: 1e3\ng: 0x1F\n", "f.yaml", loader)
    assert doc.problems == ()
    got = {k: v.value for k, (_, v) in doc.root.items.items()}  # type: ignore[union-attr]
    assert got == {
        "at": "11:30",
        "b": "no",
        "c": "on",
        "d": "010",
        "e": "2026-12-01",
        "f": "1e3",
        "g": "0x1F",
    }


def test_positions_are_one_based_for_keys_and_values(loader: Any) -> None:
    doc = read_text("calendar: X\nposts:\n  - date: 2026-12-01\n    title: 'Quoted'\n", "f.yaml", loader)
    post = value(doc.root, "posts", 0)
    assert isinstance(post, Mapping)
    key, val = post.items["title"]
    assert (key.line, key.column, val.line, val.column) == (4, 5, 4, 12)
    assert isinstance(val, Scalar) and val.value == "Quoted" and not val.plain
    assert (post.line, post.column) == (3, 5)


def test_plain_empty_and_null_are_null_but_quoted_are_not(loader: Any) -> None:
    doc = read_text("a:\nb: ~\nc: null\nd: ''\ne: 'null'\n", "f.yaml", loader)
    nulls = {k: v.is_null for k, (_, v) in doc.root.items.items()}  # type: ignore[union-attr]
    assert nulls == {"a": True, "b": True, "c": True, "d": False, "e": False}


def test_duplicate_key_names_both_lines(loader: Any) -> None:
    doc = read_text("title: A\nother: 1\ntitle: B\n", "f.yaml", loader)
    assert codes(doc) == ["3:1 duplicate-key"]
    assert "first at line 1" in doc.problems[0].message
    assert value(doc.root, "title").value == "A"  # the first one is kept


def test_anchors_aliases_and_merge_keys_are_refused(loader: Any) -> None:
    doc = read_text("a: &x {k: 1}\nb: *x\nc:\n  <<: *x\n", "f.yaml", loader)
    assert sorted(codes(doc)) == [
        "1:4 bad-structure",
        "2:4 bad-structure",
        "4:3 bad-structure",
        "4:7 bad-structure",
    ]


def test_billion_laughs_is_refused_fast_with_one_problem(loader: Any) -> None:
    lines = ["a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    doc = read_text("\n".join(lines) + "\n", "bomb.yaml", loader)
    assert codes(doc) == ["7:8 too-large"]
    assert doc.root is None  # the file is refused whole: nothing half-read is validated


def test_several_documents_are_refused(loader: Any) -> None:
    doc = read_text("a: 1\n---\nb: 2\n", "f.yaml", loader)
    assert codes(doc) == ["2:1 bad-structure"]


def test_syntax_error_has_its_position(loader: Any) -> None:
    doc = read_text("a: [1, 2\nb: 3\n", "f.yaml", loader)
    assert [p.code for p in doc.problems] == ["yaml-syntax"]
    assert doc.problems[0].line == 2
    assert doc.root is None


def test_forbidden_control_character_is_a_syntax_problem(loader: Any) -> None:
    doc = read_text("a: ok\nb: x\x07y\n", "f.yaml", loader)
    assert codes(doc) == ["2:5 yaml-syntax"]
    assert "U+0007" in doc.problems[0].message


def test_non_scalar_key_is_refused(loader: Any) -> None:
    doc = read_text("? [a, b]\n: 1\nc: 2\n", "f.yaml", loader)
    assert codes(doc) == ["1:3 bad-structure"]
    assert list(doc.root.items) == ["c"]  # type: ignore[union-attr]


def test_sequences_keep_their_items(loader: Any) -> None:
    doc = read_text("- a\n- [b, c]\n- {d: e}\n", "f.yaml", loader)
    root = doc.root
    assert isinstance(root, Sequence)
    assert [type(n).__name__ for n in root.items] == ["Scalar", "Sequence", "Mapping"]


def test_bom_is_allowed_and_columns_stay_right() -> None:
    doc = read_bytes("\ufeffcalendar: Crème\n".encode(), "f.yaml")
    assert doc.problems == ()
    key, val = doc.root.items["calendar"]  # type: ignore[union-attr]
    assert (key.column, val.column, val.value) == (1, 11, "Crème")


def test_latin1_byte_is_bad_encoding_at_its_place() -> None:
    doc = read_bytes(b"a: ok\nb: caf\xe9\n", "f.yaml")
    assert codes(doc) == ["2:7 bad-encoding"]
    assert "0xe9" in doc.problems[0].message


def test_utf16_is_bad_encoding() -> None:
    doc = read_bytes("a: b\n".encode("utf-16"), "f.yaml")
    assert codes(doc) == ["1:1 bad-encoding"]
    assert "UTF-16" in doc.problems[0].message


def test_huge_file_is_refused_before_parsing() -> None:
    doc = read_bytes(b"#" * (MAX_BYTES + 1), "big.yaml")
    assert codes(doc) == ["1:1 too-large"]


def test_empty_file_has_no_root() -> None:
    doc = read_bytes(b"", "f.yaml")
    assert doc.root is None and doc.problems == ()


@pytest.mark.parametrize("loader", [yaml.CBaseLoader, yaml.BaseLoader], ids=["libyaml", "python"])
def test_positions_count_characters_and_the_lines_an_editor_shows(loader: type) -> None:
    # libyaml gives a forbidden character's offset in UTF-8 bytes, and counts U+2028, U+2029 and U+0085 as
    # line breaks (YAML 1.1); editors and YAML 1.2 do not.
    forbidden = read_text("a: été\nb: « \x1b »\n", "f.yaml", loader)
    assert [(p.line, p.column, p.code) for p in forbidden.problems] == [(2, 6, "yaml-syntax")]
    text = 'a: "x\u2028y\u2029z\x85w"\nb: 1\nb: 2\nc: [1, 2]\n'
    doc = read_text(text, "b.yaml", loader)
    assert [(p.line, p.column, p.code, p.message) for p in doc.problems] == [
        (3, 1, "duplicate-key", 'duplicate key "b" (first at line 2); keep only one')
    ]
    assert isinstance(doc.root, Mapping)
    assert [(k.line, k.column, v.line, v.column) for k, v in doc.root.items.values()] == [
        (1, 1, 1, 4),
        (2, 1, 2, 4),
        (4, 1, 4, 4),
    ]
    assert isinstance(doc.root.items["c"][1], Sequence)
    assert [(n.line, n.column) for n in doc.root.items["c"][1].items] == [(4, 5), (4, 8)]
