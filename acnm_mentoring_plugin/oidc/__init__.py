"""OpenID Connect for the association's identity provider, signatures checked.

django-allauth's generic ``openid_connect`` provider accepts an ID token
fetched straight from the token endpoint without checking its signature
(OIDC Core 3.1.3.7 permits that over TLS). Membership decides who may take
part in the programme, so this provider checks the signature against the
provider's published keys on every sign-in, as well as issuer, audience and
expiry. Everything else is allauth's.

Add ``"acnm_mentoring_plugin.oidc"`` to INSTALLED_APPS and configure it under
``SOCIALACCOUNT_PROVIDERS["membership_oidc"]`` exactly like allauth's
``openid_connect`` (see docs/sso.md).
"""
