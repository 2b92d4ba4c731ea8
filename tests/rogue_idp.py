"""Identity providers that misbehave, for the hostile sign-in tests.

The demo identity provider (tests/oidc_provider.py) is a correct one: it
cannot be made to sign with the wrong key or for the wrong client. These
small servers speak enough OpenID Connect over real HTTP on 127.0.0.1 to
send the site what an attacker or a broken provider would:

- ``RogueProvider(fault=...)`` answers every code with an ID token that is
  wrong in one way (another client's audience, an unpublished key, another
  issuer, expired, unsigned);
- ``SilentServer`` accepts connections and never answers, like a provider
  that hangs.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

FAULTS = (
    "audience",
    "signature",
    "issuer",
    "expired",
    "unsigned",
    "symmetric",
    "no_kid",
)
KID = "rogue-1"


def _private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class RogueProvider:
    """An OpenID Connect provider whose ID tokens are wrong in one way."""

    def __init__(self, client_id, claims, fault):
        if fault not in FAULTS:
            raise ValueError(f"fault must be one of {FAULTS}")
        self.client_id = client_id
        self.claims = claims
        self.fault = fault
        self.key = _private_key()
        self.other_key = _private_key()
        self.token_requests = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def issuer(self):
        return self.base_url

    def allauth_app(self, provider_id="acnm", name="ACNM"):
        return {
            "provider_id": provider_id,
            "name": name,
            "client_id": self.client_id,
            "secret": "rogue-secret",
            "settings": {"server_url": self.issuer, "oauth_pkce_enabled": True},
        }

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    # What it sends ----------------------------------------------------------------

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.base_url}/authorize",
            "token_endpoint": f"{self.base_url}/token",
            "userinfo_endpoint": f"{self.base_url}/userinfo",
            "jwks_uri": f"{self.base_url}/jwks",
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }

    def jwks(self):
        public = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": KID, "alg": "RS256", "use": "sig"}]}

    def id_token(self):
        now = int(time.time())
        payload = {
            **self.claims,
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
        }
        key = self.key
        if self.fault == "audience":
            payload["aud"] = "another-site"
        elif self.fault == "issuer":
            payload["iss"] = "http://127.0.0.1:1/elsewhere"
        elif self.fault == "expired":
            payload["iat"], payload["exp"] = now - 3600, now - 1800
        elif self.fault == "signature":
            key = self.other_key  # signed, but not with the published key
        elif self.fault == "unsigned":
            return jwt.encode(payload, None, algorithm="none", headers={"kid": KID})
        elif self.fault == "symmetric":
            # HS256 with a secret of the attacker's choosing, published kid.
            return jwt.encode(
                payload,
                "a-secret-of-the-attackers-own-choosing",
                algorithm="HS256",
                headers={"kid": KID},
            )
        if self.fault == "no_kid":
            return jwt.encode(payload, key, algorithm="RS256")
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": KID})

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                if path == "/.well-known/openid-configuration":
                    return self._json(provider.discovery())
                if path == "/jwks":
                    return self._json(provider.jwks())
                if path == "/userinfo":
                    return self._json(provider.claims)
                return self._json({"error": "not_found"}, 404)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path != "/token":
                    return self._json({"error": "not_found"}, 404)
                provider.token_requests += 1
                return self._json(
                    {
                        "access_token": "rogue-access-token",
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(),
                    }
                )

            def log_message(self, *args):
                pass

        return Handler


class SilentServer:
    """Accepts connections on 127.0.0.1 and never says a word."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._socket.close()
