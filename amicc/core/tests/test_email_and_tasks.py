"""Transactional email goes through templates and the task queue; the worker runs the queue."""

import email
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from amicc.core.email import email_render, email_send
from amicc.core.mail_backends import EmlFileBackend


def test_email_has_text_and_html_parts_from_templates(db):
    email_send(to=["ada@example.org"], template="test_message", context={"name": "Ada"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "A test message from AMICC"
    assert "Hello Ada," in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<p>Hello Ada,</p>" in html


def test_html_part_escapes_what_people_typed(db):
    rendered = email_render(template="test_message", context={"name": "<b>Eve</b>"})
    assert "&lt;b&gt;Eve&lt;/b&gt;" in rendered.html


def test_eml_backend_writes_one_readable_file_per_message(tmp_path):
    with override_settings(EMAIL_BACKEND="amicc.core.mail_backends.EmlFileBackend"):
        backend = EmlFileBackend(file_path=str(tmp_path))
        rendered = email_render(template="test_message", context={"name": "Grace"})
        message = mail.EmailMultiAlternatives(
            rendered.subject,
            rendered.text,
            "noreply@amicc.example",
            ["grace@example.org"],
            connection=backend,
        )
        message.attach_alternative(rendered.html, "text/html")
        message.send()
    files = list(tmp_path.glob("*.eml"))
    assert len(files) == 1
    parsed = email.message_from_bytes(files[0].read_bytes())
    assert parsed["To"] == "grace@example.org"
    assert {part.get_content_type() for part in parsed.walk()} >= {"text/plain", "text/html"}


def test_send_test_email_command_rejects_a_bad_address(db):
    with pytest.raises(CommandError, match="not a valid email address"):
        call_command("send_test_email", "not-an-address")
    call_command("send_test_email", "ok@example.org")
    assert mail.outbox[-1].to == ["ok@example.org"]


def test_worker_runs_queued_tasks_from_the_database(tmp_path):
    """Enqueue with the database backend, then run `amicc worker --batch` as a process."""
    mail_dir = tmp_path / "mail"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AMICC_", "DJANGO_"))},
        "AMICC_DEBUG": "true",
        "AMICC_DATA_DIR": str(tmp_path),
        "AMICC_TASKS_BACKEND": "database",
        "EMAIL_URL": f"eml://{mail_dir}",
        "DATABASE_URL": "",
    }
    amicc = str(Path(sys.executable).with_name("amicc"))
    run = lambda *args: subprocess.run(  # noqa: E731, S603
        [amicc, *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert run("migrate", "--verbosity", "0").returncode == 0
    enqueue = run(
        "shell",
        "-c",
        "from amicc.core.email import email_send; "
        "email_send(to=['w@example.org'], template='test_message', context={'name': 'W'})",
    )
    assert enqueue.returncode == 0, enqueue.stderr
    assert not mail_dir.exists() or not list(mail_dir.glob("*.eml"))
    worker = run("worker", "--batch", "--interval", "0.1")
    assert worker.returncode == 0, worker.stderr
    sent = list(mail_dir.glob("*.eml"))
    assert len(sent) == 1
    assert "w@example.org" in sent[0].read_text()
