"""Regenerate the README's screenshots: ``uv run python -m scripts.screenshots``.

Runs the harness's browser tests (tests/test_live.py) on each framework with every option on,
then copies the pages the README shows from .artifacts/screenshots/ to docs/screenshots/.
Needs what the browser tests need (Chromium; see the README).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.browser import SCREENSHOTS
from tests.variants import COOKIECUTTER_JSON, TEMPLATE_DIR

DOCS = TEMPLATE_DIR / "docs" / "screenshots"
# The variant whose pages the README shows, and the pages, by the names test_live.py saves.
VARIANT = "auth-forms-ml"
PAGES = ("home", "signed-in", "contact-error", "predict")


def main() -> int:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"*-{VARIANT}-*.png"):
        old.unlink()
    # "]" ends the test id: the default Python and database only.
    command = ["pytest", "tests/test_live.py", "-k", f"{VARIANT}]", "-p", "no:cacheprovider"]
    if subprocess.run(command, cwd=TEMPLATE_DIR, check=False).returncode != 0:
        print("the browser tests failed; screenshots not updated", file=sys.stderr)
        return 1
    DOCS.mkdir(parents=True, exist_ok=True)
    missing = []
    for framework in COOKIECUTTER_JSON["framework"]:
        for page in PAGES:
            source = SCREENSHOTS / f"{framework}-{VARIANT}-{page}.png"
            if source.exists():
                shutil.copyfile(source, DOCS / f"{framework}-{page}.png")
            else:
                missing.append(source.name)
    if missing:
        print(f"not saved by the browser tests: {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"updated {DOCS.relative_to(TEMPLATE_DIR)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
