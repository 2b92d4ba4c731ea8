"""A demo OpenID Connect identity provider for the example site and the tests.

A separate Django project (``example_site.demo_idp.settings``) standing in for
the association's member database: it signs members in and tells the
mentoring site who they are and where their membership stands, in the claims
of an RS256 ID token and of the userinfo endpoint. For trying the example site
and for the test suite only; never for production.
"""
