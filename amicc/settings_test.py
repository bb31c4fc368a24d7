"""Test settings: the real settings with a fast hasher, local memory cache and immediate tasks."""

import os
import tempfile

os.environ.setdefault("AMICC_DEBUG", "false")
os.environ.setdefault("AMICC_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("AMICC_DATA_DIR", tempfile.mkdtemp(prefix="amicc-test-"))
os.environ.setdefault("AMICC_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("AMICC_SSL_REDIRECT", "false")
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ.setdefault("AMICC_ANYMAIL_WEBHOOK_SECRET", "test-hook:test-secret")
os.environ.pop("REDIS_URL", None)

from amicc.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
