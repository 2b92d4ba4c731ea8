"""django-allauth adapters: the association's identity provider decides who
is a member.

A host site selects them in its settings::

    ACCOUNT_ADAPTER = "acnm_mentoring_plugin.sso.MentoringAccountAdapter"
    SOCIALACCOUNT_ADAPTER = "acnm_mentoring_plugin.sso.MentoringSocialAccountAdapter"

and may subclass them; ``claims_of`` and ``refresh_member`` are the places to
change how a provider's answer becomes a member.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .access import sign_in_context
from .claims import flatten, user_values
from .conf import mentoring_settings
from .exceptions import MentoringError
from .permissions import is_programme_staff
from .services.members import refresh_member_from_claims


def may_sign_in_with_password(user):
    """``PASSWORD_LOGIN`` applied to one user."""
    policy = mentoring_settings.PASSWORD_LOGIN
    if policy == "everyone":
        return True
    if policy == "nobody":
        return False
    return bool(
        user.is_staff
        or user.is_superuser
        or is_programme_staff(user)
        or user.has_perm("wagtailadmin.access_admin")
    )


class MentoringAccountAdapter(DefaultAccountAdapter):
    """Local accounts: sign-up closed unless ``ALLOW_LOCAL_SIGNUP``; password
    sign-in as ``PASSWORD_LOGIN`` says (by default staff only, for the admin).

    Members arrive through the identity provider, so a password left on a
    member's account is no way around a lapsed membership.
    """

    def is_open_for_signup(self, request):
        return bool(mentoring_settings.ALLOW_LOCAL_SIGNUP)

    def pre_login(self, request, user, **kwargs):
        through_provider = "sociallogin" in (kwargs.get("signal_kwargs") or {})
        if not through_provider and not may_sign_in_with_password(user):
            return render(
                request,
                "acnm_mentoring/sign_in_refused.html",
                {
                    "reason": _(
                        "Members sign in with their membership account, not "
                        "with a password on this site."
                    ),
                    "base_template": mentoring_settings.BASE_TEMPLATE,
                    "sign_in": sign_in_context(request, "/"),
                },
                status=403,
            )
        return super().pre_login(request, user, **kwargs)


class MentoringSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Signs members in through the identity provider and refreshes their profile.

    Accounts are linked by the provider's subject (allauth's default), never
    by e-mail address: a provider that does not verify addresses must not be
    a way into someone else's account.
    """

    def is_open_for_signup(self, request, sociallogin):
        return True

    def is_auto_signup_allowed(self, request, sociallogin):
        return True

    def can_authenticate_by_email(self, login, email):
        return False

    def claims_of(self, sociallogin):
        """The provider's claims: ID token and userinfo merged, or SAML attributes.

        You can override this method for a provider that nests its claims.
        """
        data = sociallogin.account.extra_data or {}
        if "id_token" in data or "userinfo" in data:
            return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
        return flatten(data)

    def refresh_member(self, request, sociallogin):
        try:
            refresh_member_from_claims(sociallogin.user, self.claims_of(sociallogin))
        except MentoringError as error:
            raise ImmediateHttpResponse(
                render(
                    request,
                    "acnm_mentoring/sign_in_refused.html",
                    {
                        "reason": error.message,
                        "base_template": mentoring_settings.BASE_TEMPLATE,
                    },
                    status=403,
                )
            ) from error

    def pre_social_login(self, request, sociallogin):
        super().pre_social_login(request, sociallogin)
        if sociallogin.is_existing:
            self.refresh_member(request, sociallogin)

    def save_user(self, request, sociallogin, form=None):
        # One transaction: a refused first sign-in leaves no account behind.
        with transaction.atomic():
            user = super().save_user(request, sociallogin, form)
            self.refresh_member(request, sociallogin)
        return user

    def populate_user(self, request, sociallogin, data):
        """Names and e-mail from the mapped claims, not only the standard ones."""
        user = super().populate_user(request, sociallogin, data)
        for field, value in user_values(self.claims_of(sociallogin)).items():
            if hasattr(user, field):
                setattr(user, field, value)
        return user
