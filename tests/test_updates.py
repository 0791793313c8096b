"""A baked project can be baked again from its saved answers, and updated with cruft."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.harness import clean_env, explain, load_hook, run, tool
from tests.variants import TEMPLATE_DIR

post_gen = load_hook("post_gen_project")
GIT = shutil.which("git") or "git"
GIT_IDENTITY = ["-c", "user.name=Template Tests", "-c", "user.email=tests@example.com"]


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.parts
    }


def bake(output: Path, *args: str) -> Path:
    output.mkdir()
    result = run([tool("cookiecutter"), *args, "-o", str(output)], cwd=output)
    assert result.returncode == 0, explain(result)
    (project,) = output.iterdir()
    return project


def test_saved_answers_bake_the_same_variant_again(tmp_path: Path) -> None:
    answers = ["framework=django", "project_name=Order Desk", "auth=yes"]
    first = bake(tmp_path / "first", "--no-input", str(TEMPLATE_DIR), *answers)
    replay = first / post_gen.REPLAY_FILE
    saved = json.loads(replay.read_text(encoding="utf-8"))["cookiecutter"]
    assert saved["framework"] == "django"
    assert saved["auth"] is True
    assert not [key for key in saved if key.startswith("_")]

    again = bake(tmp_path / "again", "--replay-file", str(replay), str(TEMPLATE_DIR))
    first_files, again_files = files(first), files(again)
    assert first_files.keys() == again_files.keys()
    different = [name for name in first_files if first_files[name] != again_files[name]]
    assert different == [post_gen.ENV_FILE], "only the secrets may differ"


def git(cwd: Path, *args: str) -> None:
    result = run([GIT, *GIT_IDENTITY, *args], cwd=cwd)
    assert result.returncode == 0, explain(result)


def test_cruft_update_brings_a_template_change_into_a_baked_project(tmp_path: Path) -> None:
    # A git copy of the template (as it is in this working tree), as a team would fork it.
    template = tmp_path / "template"
    listing = [GIT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    names = subprocess.run(listing, cwd=TEMPLATE_DIR, capture_output=True, check=True).stdout
    for name in filter(None, names.decode().split("\0")):
        (template / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(TEMPLATE_DIR / name, template / name)
    git(template, "init", "--quiet")
    git(template, "add", "--all")
    git(template, "commit", "--quiet", "--message", "template")

    cruft = tool("cruft")
    context = json.dumps({"framework": "flask", "project_name": "Kept Up"})
    result = run([cruft, "create", "--no-input", str(template), "--extra-context", context],
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, explain(result)
    project = tmp_path / "kept_up"
    git(project, "init", "--quiet")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "baked")
    assert run([cruft, "check"], cwd=project).returncode == 0

    # The template improves: its editor settings get a new rule.
    editorconfig = template / "{{cookiecutter.project_slug}}" / ".editorconfig"
    editorconfig.write_text(
        editorconfig.read_text(encoding="utf-8") + "\n[Makefile]\nindent_style = tab\n",
        encoding="utf-8",
    )
    git(template, "commit", "--quiet", "--all", "--message", "tabs in Makefiles")
    assert run([cruft, "check"], cwd=project).returncode != 0

    result = run([cruft, "update", "--skip-apply-ask"], cwd=project)
    assert result.returncode == 0, explain(result)
    assert "[Makefile]" in (project / ".editorconfig").read_text(encoding="utf-8")
    assert not list(project.rglob("*.rej")), "the update left conflicts"
    assert run([cruft, "check"], cwd=project).returncode == 0

    result = run([tool("uv"), "run", "pytest", "-p", "no:cacheprovider"], cwd=project,
                 env=clean_env())  # fmt: skip
    assert result.returncode == 0, explain(result)
