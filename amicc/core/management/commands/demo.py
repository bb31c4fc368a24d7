import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from amicc.coalition.demo_content import demo_coordinator_account_create
from amicc.core.demo_loaders import demo_load_all


class Command(BaseCommand):
    help = (
        "Prepare and serve the demo: migrate, load the demo content, create an administrator "
        "and an alliance coordinator (their passwords are printed once) and serve the site. "
        "Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare everything but do not serve."
        )

    def handle(self, *args, port: int, host: str, no_serve: bool, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write("Migrating the database …")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Loading the demo content …")
        for summary in demo_load_all():
            self.stdout.write(f"  {summary}")
        self._ensure_administrator()
        self._ensure_coordinator()
        self.stdout.write(f"Outgoing email is written to {settings.EMAIL_FILE_PATH}")
        if no_serve:
            return
        self.stdout.write(self.style.SUCCESS(f"Serving the demo at http://{host}:{port}/"))
        call_command("runserver", f"{host}:{port}", use_reloader=False)

    def _ensure_administrator(self) -> None:
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator already exists; its password was shown once.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username="admin", email="admin@amicc.example", password=password
        )
        user.groups.add(Group.objects.get(name="Administrators"))
        self.stdout.write(
            self.style.WARNING(
                "Created the administrator. Sign in at /admin/ with\n"
                f"  username: admin\n  password: {password}\n"
                "This password is shown only now."
            )
        )

    def _ensure_coordinator(self) -> None:
        password = secrets.token_urlsafe(12)
        user = demo_coordinator_account_create(password=password)
        if user is None:
            self.stdout.write(
                "The alliance coordinator exists already; its password was shown once."
            )
            return
        self.stdout.write(
            self.style.WARNING(
                "Created a coordinator of the Chicago alliance. Sign in at /admin/ with\n"
                f"  username: {user.username}\n  password: {password}\n"
                "This password is shown only now."
            )
        )
