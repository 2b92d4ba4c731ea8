"""Creating demo members and the site's client: shared by the commands."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from oauth2_provider.models import get_application_model

from example_site.home import demo_content

from .claims import MEMBERSHIP_CLAIMS
from .models import Identity

DEFAULT_CLIENT_ID = "acnm-demo"
DEFAULT_CLIENT_SECRET = "acnm-demo-secret"
# The example site's callbacks: the plugin's signature-checking provider
# (``acnm_mentoring_plugin.oidc``) and allauth's generic ``openid_connect``.
CALLBACK_PATHS = [
    "/accounts/membership-oidc/acnm/login/callback/",
    "/accounts/oidc/acnm/login/callback/",
]
DEFAULT_REDIRECT_URIS = [
    f"http://{host}{path}"
    for host in ("127.0.0.1:8000", "localhost:8000")
    for path in CALLBACK_PATHS
]
DEFAULT_POST_LOGOUT_REDIRECT_URIS = ["http://127.0.0.1:8000/", "http://localhost:8000/"]


def save_identity(
    username, *, password=None, first_name=None, last_name=None, email=None, **claims
):
    """Create or update one member; only the values given change.

    A new member gets an e-mail ``<username>@acnm.example`` and, unless the
    claims say otherwise, an active membership with an id of
    ``ACNM-9xxxx``, a range the demo members never reach.
    """
    unknown = set(claims) - set(MEMBERSHIP_CLAIMS)
    if unknown:
        raise ValidationError(f"Unknown claims: {', '.join(sorted(unknown))}.")
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": email or f"{username}@acnm.example"},
    )
    for field, value in (
        ("first_name", first_name),
        ("last_name", last_name),
        ("email", email),
    ):
        if value is not None:
            setattr(user, field, value)
    if password is not None and not (
        user.has_usable_password() and user.check_password(password)
    ):
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    identity = Identity.objects.filter(user=user).first() or Identity(
        user=user, membership_id=f"ACNM-{90000 + user.pk}"
    )
    for claim, value in claims.items():
        setattr(identity, claim, value)
    identity.full_clean()
    identity.save()
    return user


def seed_members():
    """Every member of the example site's demo, with the demo password."""
    users = []
    for position, member in enumerate(demo_content.MEMBERS, start=1):
        username, first, last, stage, year, institution, status = member
        users.append(
            save_identity(
                username,
                password=demo_content.PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@acnm.example",
                membership_id=demo_content.membership_id(position),
                membership_status=status,
                career_stage=stage,
                training_year=year,
                institution=institution,
            )
        )
    return users


def save_client(
    client_id,
    secret,
    redirect_uris,
    post_logout_redirect_uris,
    name="ACNM Mentoring Program (example site)",
):
    """The mentoring site as a confidential OIDC client that skips consent.

    django-oauth-toolkit 3 stores the secret hashed: it is given in plain
    text and the model hashes it on save; an unchanged secret is left alone.
    """
    Application = get_application_model()
    application = Application.objects.filter(client_id=client_id).first()
    if application is None:
        application = Application(client_id=client_id, client_secret=secret)
    elif not check_password(secret, application.client_secret):
        application.client_secret = secret
    application.name = name
    application.client_type = Application.CLIENT_CONFIDENTIAL
    application.authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
    application.algorithm = Application.RS256_ALGORITHM
    application.hash_client_secret = True
    application.skip_authorization = True
    application.redirect_uris = " ".join(redirect_uris)
    application.post_logout_redirect_uris = " ".join(post_logout_redirect_uris)
    application.clean()
    application.save()
    return application


def add_redirect_uris(client_id, uris):
    Application = get_application_model()
    application = Application.objects.get(client_id=client_id)
    registered = application.redirect_uris.split()
    application.redirect_uris = " ".join(
        registered + [uri for uri in uris if uri not in registered]
    )
    application.clean()
    application.save(update_fields=["redirect_uris", "updated"])
    return application
