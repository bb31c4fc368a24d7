"""Production settings refuse to start unsafely; environment parsing says what is wrong."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from amicc.core.env import env_bool, env_int, env_list
from amicc.core.mail_config import email_settings_from_url

AMICC = str(Path(sys.executable).with_name("amicc"))


def _run_amicc(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AMICC_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(  # noqa: S603 - our own console script
        [AMICC, *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run_amicc("check", AMICC_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "AMICC_SECRET_KEY is not set" in result.stderr


def test_production_passes_the_deployment_checks(tmp_path):
    result = _run_amicc(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        AMICC_DATA_DIR=str(tmp_path),
        AMICC_SECRET_KEY=secrets.token_urlsafe(50),
        AMICC_ALLOWED_HOSTS="amicc.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_debug_mode_keeps_a_generated_key_in_the_data_directory(tmp_path):
    result = _run_amicc("check", AMICC_DATA_DIR=str(tmp_path), AMICC_DEBUG="true")
    assert result.returncode == 0, result.stderr
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_env_readers_reject_nonsense(monkeypatch):
    monkeypatch.setenv("X_BOOL", "maybe")
    monkeypatch.setenv("X_INT", "ten")
    monkeypatch.setenv("X_LIST", " a, b ,,c ")
    with pytest.raises(ValueError, match="X_BOOL"):
        env_bool("X_BOOL", False)
    with pytest.raises(ValueError, match="X_INT must be a whole number"):
        env_int("X_INT", 1)
    assert env_list("X_LIST", []) == ["a", "b", "c"]


def test_email_url_forms():
    smtp = email_settings_from_url("smtp://user:p%40ss@mail.example:587?tls=1")
    assert smtp["EMAIL_HOST"] == "mail.example"
    assert smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert smtp["EMAIL_USE_TLS"] is True
    assert email_settings_from_url("smtps://mail.example")["EMAIL_USE_SSL"] is True
    assert email_settings_from_url("eml:///tmp/mail")["EMAIL_FILE_PATH"] == "/tmp/mail"
    with pytest.raises(ValueError, match="not supported"):
        email_settings_from_url("carrier-pigeon://coop")


def test_production_cookies_are_secure_and_http_only(tmp_path):
    probe = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0, s.DEBUG)"
    )
    result = _run_amicc(
        "shell",
        "-c",
        probe,
        AMICC_DATA_DIR=str(tmp_path),
        AMICC_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "True",
        "True",
        "True",
        "True",
        "True",
        "False",
    ]
