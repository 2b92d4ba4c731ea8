"""django-allauth adapters: the association's identity provider decides who
is a member.

A host site selects them in its settings::

    ACCOUNT_ADAPTER = "acnm_mentoring_plugin.sso.MentoringAccountAdapter"
    SOCIALACCOUNT_ADAPTER = "acnm_mentoring_plugin.sso.MentoringSocialAccountAdapter"

and may subclass them; ``claims_of`` and ``refresh_member`` are the places to
change how a provider's answer becomes a member.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email, user_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.base.constants import AuthError
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .access import safe_next, sign_in_context
from .claims import flatten, user_values
from .conf import mentoring_settings
from .exceptions import MentoringError
from .permissions import is_programme_staff
from .services.members import (
    member_to_link,
    record_sign_in_linked,
    refresh_member_from_claims,
)
from .sign_in_errors import failure_of, log_failure


def display_name(user):
    """For ``ACCOUNT_USER_DISPLAY``: members see their name, not a username.

    Usernames of members signed in through the provider are made up by
    allauth; "Signed in as Jordan Rivera" is what a member recognises.
    """
    return user.get_full_name().strip() or user.get_username()


def sign_in_refused(request, reason, *, sign_in=None, status=403):
    """The page for every sign-in that did not complete, with the reason."""
    return render(
        request,
        "acnm_mentoring/sign_in_refused.html",
        {
            "reason": reason,
            "base_template": mentoring_settings.BASE_TEMPLATE,
            "sign_in": sign_in,
        },
        status=status,
    )


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
            return sign_in_refused(
                request,
                _(
                    "Members sign in with their membership account, not "
                    "with a password on this site."
                ),
                sign_in=sign_in_context(request, "/"),
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

    def refuse(self, request, reason):
        raise ImmediateHttpResponse(sign_in_refused(request, reason))

    def refresh_member(self, request, sociallogin):
        try:
            refresh_member_from_claims(sociallogin.user, self.claims_of(sociallogin))
        except MentoringError as error:
            self.refuse(request, error.message)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        """A clear page for a failed round trip, with a button to try again.

        A member who cancelled at the provider keeps allauth's page.
        """
        if error == AuthError.CANCELLED:
            return super().on_authentication_error(
                request, provider, error, exception, extra_context
            )
        failure = failure_of(provider, error, exception, extra_context)
        log_failure(provider, failure, error, exception)
        state = (extra_context or {}).get("state") or {}
        next_url = safe_next(request, state.get("next"))
        raise ImmediateHttpResponse(
            sign_in_refused(
                request,
                failure.reason,
                sign_in=sign_in_context(request, next_url),
                status=failure.status,
            )
        )

    def pre_social_login(self, request, sociallogin):
        super().pre_social_login(request, sociallogin)
        if not sociallogin.is_existing:
            self.link_known_member(request, sociallogin)
        if sociallogin.is_existing:
            self.refresh_member(request, sociallogin)
        else:
            self.refuse_email_held_by_another_account(request, sociallogin)

    def link_known_member(self, request, sociallogin):
        """A member the site already knows signs in for the first time."""
        provider = sociallogin.account.provider

        def already_linked(user):
            return SocialAccount.objects.filter(user=user, provider=provider).exists()

        member = member_to_link(self.claims_of(sociallogin), already_linked)
        if member is None:
            return
        with transaction.atomic():
            sociallogin.connect(request, member.user)
            record_sign_in_linked(member, provider)

    def refuse_email_held_by_another_account(self, request, sociallogin):
        """A first sign-in whose e-mail an account here already has.

        allauth would show a sign-up form asking for another address; the
        address comes from the membership record, so the member could not
        fix it there. Joining the two is the coordinator's call (the
        provider's e-mail is not proof of owning the account here).
        """
        email = user_email(sociallogin.user)
        if email and filter_users_by_email(email):
            self.refuse(
                request,
                _(
                    "An account on this site already uses the e-mail address "
                    "%(email)s. To keep accounts safe it is not joined to your "
                    "membership sign-in automatically. Please contact the "
                    "programme coordinator, who can join them."
                )
                % {"email": email},
            )

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
