"""Where exports go: stdout for md, -o for a file, never over an existing file without --force."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from builders import md_tasks, write_guidelines


@pytest.fixture
def g(tmp_path: Path) -> list[str]:
    return ["--guidelines", str(write_guidelines(tmp_path))]


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_html_and_pdf_need_an_output_file(cli, g: list[str], fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = cli(*g, "export", "checklist", "--format", fmt)
    assert result.exit_code == 2
    assert f"--format {fmt} needs a file to write to: add -o FILE" in result.stderr
    assert result.stdout == ""


def test_md_without_output_goes_to_stdout_and_with_it_to_a_file(  # type: ignore[no-untyped-def]
    cli, g: list[str], tmp_path: Path
) -> None:
    shown = cli(*g, "export", "checklist", "--role", "supervisor")
    assert shown.exit_code == 0
    assert md_tasks(shown.stdout)
    out = tmp_path / "sheet.md"
    saved = cli(*g, "export", "checklist", "--role", "supervisor", "-o", str(out))
    assert saved.exit_code == 0
    assert saved.stdout == f"Saved the checklist to {out}.\n"
    assert out.read_text(encoding="utf-8") == shown.stdout


def test_an_existing_file_is_refused_unless_force(cli, g: list[str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sheet.html"
    out.write_text("keep me", encoding="utf-8")
    refused = cli(*g, "export", "checklist", "--format", "html", "-o", str(out))
    assert refused.exit_code == 2
    assert refused.stderr == f"peersup: {out} already exists. Add --force to replace it.\n"
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = cli(*g, "export", "checklist", "--format", "html", "-o", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_a_missing_folder_is_a_one_line_error(cli, g: list[str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "no" / "such" / "sheet.pdf"
    result = cli(*g, "export", "checklist", "--format", "pdf", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"peersup: Could not save {out}: the folder {out.parent} does not exist.\n"
    )


def test_a_folder_as_output_is_refused(cli, g: list[str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli(*g, "export", "checklist", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "is a folder: give a file name" in result.stderr


def test_an_unwritable_folder_is_a_one_line_error(  # type: ignore[no-untyped-def]
    cli, g: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse the way it would
        import tempfile

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    locked.chmod(0o500)
    try:
        result = cli(*g, "export", "checklist", "-o", str(locked / "sheet.md"))
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1
    assert "permission denied" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_unknown_format_or_paper_is_refused(cli, g: list[str]) -> None:  # type: ignore[no-untyped-def]
    bad = cli(*g, "export", "checklist", "--format", "docx")
    assert bad.exit_code == 2
    assert "docx" in bad.output
    paper = cli(*g, "export", "checklist", "--paper", "a5")
    assert paper.exit_code == 2


def test_configured_role_is_the_default(cli, g: list[str], pinned_paths: dict[str, Path]) -> None:  # type: ignore[no-untyped-def]
    config = pinned_paths["config"]
    config.parent.mkdir(parents=True)
    config.write_text('role = "supervisor"\n', encoding="utf-8")
    result = cli(*g, "export", "checklist")
    assert result.exit_code == 0, result.output
    assert "# Reflection checklist: Supervisor\n" in result.stdout
    # naps-2019 has supervisors only; a configured peer supporter role falls back to "both".
    config.write_text('role = "peer-supporter"\n', encoding="utf-8")
    naps = cli(*g, "export", "checklist", "--framework", "naps-2019")
    assert naps.exit_code == 0, naps.output
    assert "# Reflection checklist: Supervisor\n" in naps.stdout


def test_export_help_lists_both_commands(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("export", "--help")
    assert result.exit_code == 0
    assert "checklist" in result.stdout and "journal" in result.stdout
    options = cli("export", "checklist", "--help").stdout
    for flag in ("--framework", "--role", "--values", "--with-descriptions", "--with-prompts",
                 "--paper", "--format", "--output", "--force"):
        assert flag in options


def test_blank_checklists_are_shareable_and_journals_private(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    from builders import journal, save

    umask = os.umask(0)
    os.umask(umask)
    for fmt in ("md", "html", "pdf"):
        sheet = tmp_path / f"sheet.{fmt}"
        assert cli("export", "checklist", "--format", fmt, "-o", str(sheet)).exit_code == 0
        assert sheet.stat().st_mode & 0o777 == 0o666 & ~umask, fmt
    folder = tmp_path / "journals"
    save(folder, "2026-01-01-peer-supporter.md", journal("2026-01-01T09:00:00+00:00"))
    for fmt in ("md", "html", "pdf"):
        filled = tmp_path / f"filled.{fmt}"
        result = cli("export", "journal", "latest", "--journal-dir", str(folder),
                     "--format", fmt, "-o", str(filled))
        assert result.exit_code == 0, result.output
        assert filled.stat().st_mode & 0o777 == 0o600, fmt
