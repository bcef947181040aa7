"""Finding and reading the input files, turning every failure into a Problem."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from planner.core.problems import Problem, ProblemsFound, display_path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_root() -> Path:
    """Where the bundled config/ and norms/ live: inside an installed wheel, or the checkout."""
    wheel = _PACKAGE_DIR / "_bundled"
    if (wheel / "config").is_dir():
        return wheel
    return _PACKAGE_DIR.parent.parent


def bundled_config() -> Path:
    return bundled_root() / "config" / "teams.toml"


def bundled_norms_dir() -> Path:
    return bundled_root() / "norms"


def default_config(explicit: Path | None) -> Path:
    """--config if given, else ./config/teams.toml, else the bundled demo team."""
    if explicit is not None:
        return explicit
    local = Path("config") / "teams.toml"
    return local if local.is_file() else bundled_config()


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or ProblemsFound saying why it cannot be read and what to do."""
    shown = display_path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    "",
                    "file not found",
                    "Check the path (relative paths are resolved from the file that names them).",
                )
            ]
        ) from None
    except IsADirectoryError:
        raise ProblemsFound(
            [Problem(shown, "", "is a folder, not a file", "Name the file itself.")]
        ) from None
    except PermissionError:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    "",
                    "not readable (permission denied)",
                    "Ask for read access or copy the file.",
                )
            ]
        ) from None
    except OSError as error:
        raise ProblemsFound(
            [Problem(shown, "", f"cannot be read ({error.strerror})", "")]
        ) from None


def decode_text(data: bytes, shown: str) -> str:
    """UTF-8, with or without BOM (Excel writes one)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemsFound(
            [
                Problem(
                    shown, f"line {line}", "is not UTF-8 text", "Save or export the file as UTF-8."
                )
            ]
        ) from None


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parsed TOML and its text (kept to point at lines in later messages)."""
    shown = display_path(path)
    text = decode_text(read_bytes(path), shown)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        # tomllib says "... (at line 3, column 7)": keep its words, they name the spot.
        raise ProblemsFound(
            [Problem(shown, "", f"is not valid TOML: {error}", "Fix the syntax at that spot.")]
        ) from None
