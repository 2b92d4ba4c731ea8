"""A real OpenID Connect provider for the tests: the demo identity provider.

A pytest plugin (``pytest_plugins = ["tests.oidc_provider"]`` in the root
conftest). Its session fixture ``oidc_provider`` runs
``example_site/demo_idp`` as a separate server on a free port of 127.0.0.1,
with its own SQLite database and signing key in a temporary folder, seeded
with the example site's demo members (password ``mentoring-demo``) and one
confidential client. It needs nothing of the suite's Django: the provider is
another process, reached over HTTP like the association's real one.

Redirect URIs: the client (``acnm-demo`` / ``acnm-demo-secret``, as in
tests/settings.py) is registered with the callbacks of the provider id
``acnm`` of the plugin's ``membership_oidc`` provider and of allauth's
``openid_connect``, on ``127.0.0.1``, ``localhost`` (any port:
django-oauth-toolkit treats them as loopback, RFC 8252) and ``testserver``.
A site on another path registers its callback with
``oidc_provider.register_redirect_uri(uri)``; django-oauth-toolkit 3.4 matches
redirect URIs exactly otherwise (its wildcards cover hostnames only, and only
with ``ALLOW_URI_WILDCARDS``, which the provider leaves off).

A provider that does not start is an error of the tests that use it, never a
skip: the error shows the server's log.
"""

import atexit
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "example_site" / "demo_idp" / "manage.py"

PROVIDER_ID = "acnm"
# The callback of the plugin's provider (acnm_mentoring_plugin.oidc), then
# that of allauth's generic openid_connect provider.
CALLBACK_PATH = f"/accounts/membership-oidc/{PROVIDER_ID}/login/callback/"
CALLBACK_PATHS = (CALLBACK_PATH, f"/accounts/oidc/{PROVIDER_ID}/login/callback/")
DEFAULT_REDIRECT_URIS = tuple(
    f"http://{host}{path}"
    for host in ("127.0.0.1", "localhost", "testserver")
    for path in CALLBACK_PATHS
)
SCOPES = ("openid", "profile", "email", "membership")
START_TIMEOUT = 30

# Straight to 127.0.0.1, whatever proxy the environment names.
_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class OIDCProviderError(RuntimeError):
    """The provider could not be set up, started or changed."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OIDCProvider:
    """The demo identity provider running as a server of its own.

    ``server_url`` is what an allauth OpenID Connect app takes as
    ``settings["server_url"]`` (allauth appends
    ``/.well-known/openid-configuration``); ``allauth_app()`` gives the whole
    app entry.
    """

    def __init__(
        self,
        workdir,
        *,
        client_id="acnm-demo",
        client_secret="acnm-demo-secret",
        redirect_uris=DEFAULT_REDIRECT_URIS,
    ):
        self.workdir = Path(workdir)
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uris = list(redirect_uris)
        self.port = free_port()
        self.log_file = self.workdir / "server.log"
        self._process = None

    # Where it is ------------------------------------------------------------------

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self):
        return f"{self.base_url}/o"

    @property
    def server_url(self):
        return self.issuer

    @property
    def discovery_url(self):
        return f"{self.issuer}/.well-known/openid-configuration"

    def allauth_app(self, provider_id=PROVIDER_ID, name="ACNM"):
        """An entry of ``SOCIALACCOUNT_PROVIDERS["membership_oidc"]["APPS"]``."""
        return {
            "provider_id": provider_id,
            "name": name,
            "client_id": self.client_id,
            "secret": self.client_secret,
            "settings": {
                "server_url": self.server_url,
                "oauth_pkce_enabled": True,
                "scope": list(SCOPES),
            },
        }

    # Its data ---------------------------------------------------------------------

    def environ(self):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "example_site.demo_idp.settings",
            "DEMO_IDP_DATABASE_URL": f"sqlite:///{self.workdir / 'idp.sqlite3'}",
            "DEMO_IDP_RSA_KEY_FILE": str(self.workdir / "rsa.pem"),
            "DEMO_IDP_ISSUER": self.issuer,
            "DEMO_IDP_ALLOWED_HOSTS": "127.0.0.1",
            "DEMO_IDP_FAST_PASSWORD_HASHER": "true",
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args):
        """Run a command of the provider's manage.py; return its output."""
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            env=self.environ(),
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise OIDCProviderError(
                f"'manage.py {' '.join(args)}' of the demo identity provider "
                f"failed ({result.returncode}):\n{result.stderr or result.stdout}"
            )
        return result.stdout

    def setup(self):
        """Create the database, the demo members and the client."""
        self.manage("migrate", "--noinput")
        redirects = [f"--redirect-uri={uri}" for uri in self.redirect_uris]
        self.manage(
            "seed_demo_idp",
            f"--client-id={self.client_id}",
            f"--client-secret={self.client_secret}",
            *redirects,
        )

    def register_redirect_uri(self, uri):
        """Allow the client to come back to ``uri`` too (takes effect at once)."""
        self.manage("add_redirect_uri", f"--client-id={self.client_id}", uri)
        self.redirect_uris.append(uri)

    def add_identity(
        self,
        username,
        password,
        *,
        first_name=None,
        last_name=None,
        email=None,
        **claims,
    ):
        """Create or change a member; return the claims the provider will send.

        ``claims`` are membership claims (``membership_id``,
        ``membership_status``, ``career_stage``, ``training_year``,
        ``institution``); those not given keep their value, and a new member
        is active with a membership id of ``ACNM-9xxxx``.
        """
        args = [
            f"--username={username}",
            f"--password={password}",
            f"--claims={json.dumps(claims)}",
        ]
        for option, value in (
            ("first-name", first_name),
            ("last-name", last_name),
            ("email", email),
        ):
            if value is not None:
                args.append(f"--{option}={value}")
        return json.loads(self.manage("add_demo_identity", *args))

    def expire_authorization_codes(self):
        """Age every code issued so far past its expiry, as if time had passed."""
        self.manage(
            "shell",
            "--no-imports",
            "-c",
            "from datetime import timedelta; from django.utils import timezone; "
            "from oauth2_provider.models import get_grant_model; "
            "get_grant_model().objects.update("
            "expires=timezone.now() - timedelta(minutes=1))",
        )

    # The server -------------------------------------------------------------------

    @property
    def running(self):
        return self._process is not None and self._process.poll() is None

    @property
    def log(self):
        return self.log_file.read_text() if self.log_file.exists() else ""

    def start(self, timeout=START_TIMEOUT):
        """Start the server and wait until its discovery document answers."""
        if self.running:
            return
        with self.log_file.open("a") as log:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    str(MANAGE),
                    "runserver",
                    f"127.0.0.1:{self.port}",
                    "--noreload",
                ],
                env=self.environ(),
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_ready(timeout)

    def _wait_until_ready(self, timeout):
        deadline = time.monotonic() + timeout
        problem = "no answer yet"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                problem = f"the server exited with status {self._process.returncode}"
                break
            try:
                with _direct.open(self.discovery_url, timeout=2) as response:
                    if json.load(response).get("issuer") == self.issuer:
                        return
                    problem = "another issuer answered on the port"
            except (OSError, ValueError) as error:
                problem = str(error)
            time.sleep(0.1)
        self.stop()
        raise OIDCProviderError(
            f"The demo identity provider did not answer at {self.discovery_url} "
            f"within {timeout} s ({problem}). Its log ({self.log_file}):\n{self.log}"
        )

    def stop(self):
        """Stop the server: the provider is then unreachable, as in an outage."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    @contextlib.contextmanager
    def outage(self):
        """The provider is down inside the block and back after it."""
        self.stop()
        try:
            yield self
        finally:
            self.start()


def start_on_a_free_port(provider, attempts=3):
    """Start, choosing another port when one was taken since it was picked."""
    for attempt in range(1, attempts + 1):
        try:
            return provider.start()
        except OIDCProviderError:
            if attempt == attempts or "already in use" not in provider.log:
                raise
            provider.port = free_port()


# One provider per test session (per xdist worker), even when the fixture is
# both imported into a test module and registered as a plugin.
_shared = {"provider": None, "users": 0}


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """The demo identity provider, set up and running for the whole session."""
    if _shared["provider"] is None:
        provider = OIDCProvider(tmp_path_factory.mktemp("oidc_provider"))
        atexit.register(provider.stop)
        provider.setup()
        start_on_a_free_port(provider)
        _shared["provider"] = provider
    _shared["users"] += 1
    provider = _shared["provider"]
    try:
        if not provider.running:  # a test's outage() must not leak
            provider.start()
        yield provider
    finally:
        _shared["users"] -= 1
        if not _shared["users"]:
            provider.stop()
            _shared["provider"] = None
