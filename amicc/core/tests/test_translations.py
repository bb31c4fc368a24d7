"""The Spanish catalogs are complete, compiled, and cover every string marked in the code.

Each app keeps its catalog in `amicc/<app>/locale/es/LC_MESSAGES/django.po` with the
compiled `.mo` beside it (`make messages` makes both). These tests fail on an untranslated
or fuzzy entry, on a `.mo` that does not say what its `.po` says, and on a string marked for
translation in the code that the catalog does not have yet (found by running makemessages
on a copy of the app, which needs GNU gettext: skipped without it, except in CI).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

APPS_DIR = Path(__file__).resolve().parents[2]
APPS = sorted(path.parent.name for path in APPS_DIR.glob("*/apps.py"))


def catalog(app: str) -> Path:
    return APPS_DIR / app / "locale" / "es" / "LC_MESSAGES" / "django.po"


def problems(po: polib.POFile) -> list[str]:
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        label = f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {label}")
        elif not entry.translated():
            found.append(f"untranslated: {label}")
        elif entry.msgid_plural and not all(entry.msgstr_plural.values()):
            found.append(f"a plural form is missing: {label}")
    return found


@pytest.mark.parametrize("app", APPS)
def test_every_app_has_a_spanish_catalog(app):
    assert catalog(app).exists(), f"amicc/{app} has no Spanish catalog: run `make messages`"


@pytest.mark.parametrize("app", APPS)
def test_catalog_has_no_untranslated_or_fuzzy_entry(app):
    if not catalog(app).exists():
        pytest.skip("no catalog (reported by test_every_app_has_a_spanish_catalog)")
    po = polib.pofile(str(catalog(app)))
    assert not po.metadata_is_fuzzy, "the catalog's header is marked fuzzy"
    assert po.metadata.get("Language") == "es"
    assert problems(po) == []


@pytest.mark.parametrize("app", APPS)
def test_compiled_catalog_matches_its_source(app):
    if not catalog(app).exists():
        pytest.skip("no catalog (reported by test_every_app_has_a_spanish_catalog)")
    po = polib.pofile(str(catalog(app)))
    mo_path = catalog(app).with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    mo = polib.mofile(str(mo_path))

    def table(entries):
        return {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in entries
            if e.msgid
        }

    assert table(mo) == table(po.translated_entries()), (
        f"{mo_path} is out of date: run `make messages`"
    )


@pytest.mark.parametrize("app", APPS)
def test_every_marked_string_is_in_the_catalog(app, tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext is needed in CI (apt-get install gettext)")
        pytest.skip("GNU gettext is not installed")
    copy = tmp_path / app
    shutil.copytree(
        APPS_DIR / app,
        copy,
        ignore=shutil.ignore_patterns("tests", "__pycache__", "*.mo", "static", "data"),
    )
    (copy / "locale").mkdir(exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "amicc.settings_test"}
    result = subprocess.run(
        [
            sys.executable,
            "-P",  # not the copy's directory on sys.path: core/email.py would hide `email`
            "-m",
            "django",
            "makemessages",
            "--locale",
            "es",
            "--add-location",
            "file",
            "--no-obsolete",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    merged = copy / "locale" / "es" / "LC_MESSAGES" / "django.po"
    if not merged.exists():
        return  # nothing marked in this app
    assert problems(polib.pofile(str(merged))) == [], (
        f"amicc/{app}: strings marked in the code are missing from its catalog: "
        "run `make messages` and translate them"
    )
