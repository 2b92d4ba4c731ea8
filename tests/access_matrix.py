"""Who may open which of the plugin's URLs: the table ``test_access_matrix`` checks.

The test finds every URL of the plugin by itself (the ``acnm_mentoring``
namespace, the Wagtail admin screens its hooks and viewsets register, the
Django admin of its models, its sign-in URLs, its Wagtail page types with
their sub-pages, and the host's pages that show its parts, such as the
Wagtail admin's home with the dashboard panel) and fails, naming the URL,
when one has no row here or when a row names a URL that no longer exists.
A new view is therefore covered the day it is added: add its row, one line
such as::

    acnm_mentoring:feedback_detail   IN NO NO OK NO OK NO NO OK

``ACCESS_MATRIX_OBSERVE=1 .venv/bin/pytest tests/test_access_matrix.py -k
observed -s`` prints every row as the site answers today; copy a row from
it only after checking each cell is what the programme wants.

Format of ``TABLE``: one line per URL, columns separated by spaces::

    <URL>  <anon> <nmem> <laps> <mnte> <mte2> <mntr> <mtr2> <ostf> <staf>  [k=v ...]

``<URL>`` is a URL name as ``reverse()`` takes it (``acnm_mentoring:apply``,
``acnm_mentoring_pairs:edit``, ``admin:acnm_mentoring_vote_change``); the
same followed by a query string for one more way to call it
(``acnm_mentoring_pairs:index?export=csv``: the downloaded export,
``?q=Bertil``: a search for another mentee by first name; ``{record.attr}``
names the shared data); the
same followed by ``@post`` for a POST to a URL that also answers GET (a
member's form, a staff decision, the Django admin's downloads); or a page
type of the plugin as ``page:<Model>`` (``page:<Model>:<route>`` for each
route of a routable page). Then one cell per persona, in the order of
``PERSONAS``:

======  ==================================================================
``OK``  shown (200)
``IN``  sent to sign in (the plugin's, the Wagtail admin's or the Django
        admin's sign-in page)
``NO``  refused: 403, 404, or the admin's redirect to its home page that
        says so (Wagtail's "no permission", Django's "does not exist")
``GO``  sent elsewhere (a redirect that is neither of the above)
``DO``  POST only: done, the database changed
``NC``  POST only: answered (a page, a download or a redirect with the
        reason), and nothing in the database changed
``NA``  405: the URL does not answer GET
``BR``  400: a malformed request (a sign-in callback with no sign-in under
        way)
======  ==================================================================

Every URL is requested with GET. A URL whose view has no ``get`` (it only
takes forms), and every ``@post`` row, is sent a valid-looking POST
(``POSTS`` holds the body): its cells then say what the POST did, and a
persona refused must have changed nothing in the database. Every request
runs in a transaction rolled back afterwards, so no cell depends on
another.

Path parameters are filled from the shared data (``test_access_matrix``):
``slug`` is the programme's, ``year`` its award cycle's, ``pk`` and
``object_id`` the record of the screen's model, ``public_id`` the record
the path names (``applications/`` an application, ``partnerships/`` and
``requests/`` the partnership). ``key=value`` after the cells overrides
one: the value names a record of the shared data (``public_id=nomination``)
or is taken as it is (``answer=decline``).

Whatever the cell, no response may show a persona a confidential record it
is not entitled to (``MARKERS`` in the test): not in its body, not in its
``Location`` header, not in a download (CSV, XLSX, the agreement PDF).
``MAY_SEE`` names the few places where a persona rightly sees one anyway.

``KNOWN_FAILURES`` names cells that are wrong today and why; the test
expects them to fail and says so when one starts to pass.
"""

#: The columns, in order. Parties are parties of the records the URLs name
#: (the mentee's application, nomination and outcomes; the partnership of
#: the mentee and the mentor; a request to the mentor, from a member who is
#: none of these, where a row says ``public_id=pending_request``); "another"
#: mentee and mentor have records of their own in the same programme.
#: "Staff of another programme" hold the staff permission through a group
#: listed in the other programme's staff groups only; "staff" through the
#: programme's own.
PERSONAS = (
    "anonymous",
    "non_member",
    "lapsed_member",
    "mentee",
    "another_mentee",
    "mentor",
    "another_mentor",
    "other_programme_staff",
    "staff",
)

TABLE = """
# URL name                                                               anon nmem laps mnte mte2 mntr mtr2 ostf staf

# The members' pages (acnm_mentoring_plugin/urls.py)
acnm_mentoring:agreement                                                 IN   NO   NO   OK   NO   OK   NO   NO   OK
acnm_mentoring:agreement_pdf                                             IN   NO   NO   OK   NO   OK   NO   NO   OK
acnm_mentoring:agreement_sign                                            IN   NO   NO   NC   NO   NC   NO   NO   NC
acnm_mentoring:application_detail                                        IN   NO   NO   OK   NO   NO   NO   NO   OK
acnm_mentoring:application_withdraw                                      IN   NO   NO   NC   NO   NO   NO   NO   NC
acnm_mentoring:apply                                                     OK   OK   OK   OK   OK   OK   OK   OK   OK
acnm_mentoring:apply@post                                                IN   NC   NC   NC   NC   NC   NC   NC   NC
acnm_mentoring:award                                                     OK   OK   OK   OK   OK   OK   OK   OK   OK
acnm_mentoring:complete                                                  IN   NO   NO   NC   NO   NC   NO   NO   DO
acnm_mentoring:contact_log                                               IN   NO   NO   DO   NO   DO   NO   NO   NC
acnm_mentoring:directory                                                 OK   OK   OK   OK   OK   OK   OK   OK   OK
acnm_mentoring:end_early                                                 IN   NO   NO   DO   NO   DO   NO   NO   DO
acnm_mentoring:feedback                                                  IN   NO   NO   OK   NO   OK   NO   NO   OK
acnm_mentoring:feedback@post                                             IN   NO   NO   NC   NO   NC   NO   NO   NC
acnm_mentoring:mentor_detail                                             OK   OK   OK   OK   OK   OK   OK   OK   OK
acnm_mentoring:mentor_profile_edit                                       IN   NO   NO   NO   NO   OK   OK   NO   NO
acnm_mentoring:mentor_profile_edit@post                                  IN   NO   NO   NO   NO   DO   DO   NO   NO
acnm_mentoring:mentor_request                                            IN   NC   NC   NC   NC   NC   NC   NC   NC
acnm_mentoring:my_mentoring                                              IN   OK   OK   OK   OK   OK   OK   OK   OK
acnm_mentoring:my_outcomes                                               IN   NO   OK   OK   OK   OK   OK   NO   NO
acnm_mentoring:my_outcomes@post                                          IN   NO   NC   DO   DO   NC   NC   NO   NO
acnm_mentoring:nominate                                                  IN   NC   NC   DO   NC   NC   NC   NC   NC
acnm_mentoring:partnership                                               IN   NO   NO   OK   NO   OK   NO   NO   OK
acnm_mentoring:request_answer                                            IN   NO   NO   NO   NO   DO   NO   NO   DO  public_id=pending_request
acnm_mentoring:request_detail                                            IN   NO   NO   OK   NO   OK   NO   NO   OK
acnm_mentoring:requests                                                  IN   OK   OK   OK   OK   OK   OK   OK   OK
acnm_mentoring:sign_in                                                   OK   GO   GO   GO   GO   GO   GO   GO   GO
acnm_mentoring:vote                                                      IN   NC   NC   NC   NC   NC   NC   NC   NC
acnm_mentoring:withdraw_nomination                                       IN   NC   NC   DO   NC   NC   NC   NC   NC

# Signing in with the association (acnm_mentoring_plugin/oidc)
membership_oidc_callback                                                 BR   BR   BR   BR   BR   BR   BR   BR   BR
membership_oidc_login                                                    OK   OK   OK   OK   OK   OK   OK   OK   OK

# The plugin's Wagtail page types and their routes
page:AwardPage                                                           OK   OK   OK   OK   OK   OK   OK   OK   OK
page:MentorDirectoryPage:directory                                       OK   OK   OK   OK   OK   OK   OK   OK   OK
page:MentorDirectoryPage:index_route                                     OK   OK   OK   OK   OK   OK   OK   OK   OK
page:MentorDirectoryPage:mentor                                          OK   OK   OK   OK   OK   OK   OK   OK   OK
page:MentoringProgramPage                                                OK   OK   OK   OK   OK   OK   OK   OK   OK

# The Wagtail admin: its home (the dashboard panel) and site history (staff's
# work on the records); the listings, record pages, imports and reports
wagtailadmin_home                                                        IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailadmin_reports:site_history                                        IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_applications:add                                          IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_applications:delete                                       IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_applications:edit                                         IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_applications:edit@post                                    IN   IN   IN   IN   IN   IN   IN   NO   DO
acnm_mentoring_applications:history                                      IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_applications:history_results                              IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_applications:index                                        IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_applications:index?q=Bertil                               IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_applications:index?export=csv                             IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_applications:index?export=csv&program={other_program.pk}  IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_applications:index?export=xlsx                            IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_applications:index_results                                IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_applications:inspect                                      IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_applications:usage                                        IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_import_members                                            IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_import_mentors                                            IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_import_outcomes                                           IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_mentors:add                                               IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_mentors:delete                                            IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_mentors:edit                                              IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_mentors:edit@post                                         IN   IN   IN   IN   IN   IN   IN   NO   DO
acnm_mentoring_mentors:history                                           IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_mentors:history_results                                   IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_mentors:index                                             IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_mentors:index?q=Bertil                                    IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_mentors:index?export=csv                                  IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_mentors:index_results                                     IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_mentors:inspect                                           IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_mentors:usage                                             IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_outcomes                                                  IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_outcomes?export=csv                                       IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_outcomes?export=csv&programme=acnm                        IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_pairs:add                                                 IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_pairs:add@post                                            IN   IN   IN   IN   IN   IN   IN   NC   DO
acnm_mentoring_pairs:delete                                              IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_pairs:edit                                                IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_pairs:history                                             IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_pairs:history_results                                     IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_pairs:index                                               IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_pairs:index?q=Bertil                                      IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_pairs:index?export=csv                                    IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_pairs:index?export=xlsx                                   IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_pairs:index_results                                       IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_pairs:inspect                                             IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_pairs:usage                                               IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_participants:add                                          IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_participants:delete                                       IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_participants:edit                                         IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_participants:history                                      IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_participants:history_results                              IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_participants:index                                        IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_participants:index?q=Bertil                               IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_participants:index?export=csv                             IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_participants:index_results                                IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_participants:usage                                        IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_terms:add                                                 IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_terms:add@post                                            IN   IN   IN   IN   IN   IN   IN   NC   DO
acnm_mentoring_terms:delete                                              IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_terms:edit                                                IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_terms:history                                             IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_terms:history_results                                     IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_terms:index                                               IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_terms:index?q=Bertil                                      IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_terms:index?export=csv                                    IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_terms:index_results                                       IN   IN   IN   IN   IN   IN   IN   OK   OK
acnm_mentoring_terms:inspect                                             IN   IN   IN   IN   IN   IN   IN   NO   OK
acnm_mentoring_terms:usage                                               IN   IN   IN   IN   IN   IN   IN   NO   NO
acnm_mentoring_undelivered_emails                                        IN   IN   IN   IN   IN   IN   IN   OK   OK

# The Wagtail admin: snippets and their choosers
wagtailsnippetchoosers_acnm_mentoring_awardcycle:choose                  IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_awardcycle:choose_results          IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_awardcycle:chosen                  IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_awardcycle:chosen_multiple         IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_awardcycle:create                  IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_careerdirection:choose             IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_careerdirection:choose_results     IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_careerdirection:chosen             IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_careerdirection:chosen_multiple    IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_careerdirection:create             IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippetchoosers_acnm_mentoring_fieldofinterest:choose             IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_fieldofinterest:choose_results     IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_fieldofinterest:chosen             IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_fieldofinterest:chosen_multiple    IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_fieldofinterest:create             IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippetchoosers_acnm_mentoring_program:choose                     IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_program:choose_results             IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_program:chosen                     IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_program:chosen_multiple            IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippetchoosers_acnm_mentoring_program:create                     IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_awardcycle:add                            IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippets_acnm_mentoring_awardcycle:delete                         IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_awardcycle:edit                           IN   IN   IN   IN   IN   IN   IN   NO   OK
wagtailsnippets_acnm_mentoring_awardcycle:edit@post                      IN   IN   IN   IN   IN   IN   IN   NO   DO
wagtailsnippets_acnm_mentoring_awardcycle:list                           IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippets_acnm_mentoring_awardcycle:list?q=Bertil                  IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippets_acnm_mentoring_awardcycle:list?export=csv                IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippets_acnm_mentoring_awardcycle:list_results                   IN   IN   IN   IN   IN   IN   IN   OK   OK
wagtailsnippets_acnm_mentoring_awardcycle:results                        IN   IN   IN   IN   IN   IN   IN   NO   OK
wagtailsnippets_acnm_mentoring_awardcycle:results@post                   IN   IN   IN   IN   IN   IN   IN   NO   NC
wagtailsnippets_acnm_mentoring_awardcycle:usage                          IN   IN   IN   IN   IN   IN   IN   NO   OK
wagtailsnippets_acnm_mentoring_careerdirection:add                       IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:copy                      IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:delete                    IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:edit                      IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:history                   IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:history_results           IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:list                      IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:list?q=Bertil             IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:list_results              IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_careerdirection:usage                     IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:add                       IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:copy                      IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:delete                    IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:edit                      IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:history                   IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:history_results           IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:list                      IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:list?q=Bertil             IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:list_results              IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_fieldofinterest:usage                     IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:add                               IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:copy                              IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:delete                            IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:edit                              IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:history                           IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:history_results                   IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:list                              IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:list?q=Bertil                     IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:list_results                      IN   IN   IN   IN   IN   IN   IN   NO   NO
wagtailsnippets_acnm_mentoring_program:usage                             IN   IN   IN   IN   IN   IN   IN   NO   NO

# The Django admin
admin:acnm_mentoring_activityrecord_add                                  IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_activityrecord_change                               IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_activityrecord_changelist                           IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_activityrecord_changelist?q=Bertil                  IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_activityrecord_delete                               IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_activityrecord_history                              IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_agreementterms_add                                  IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_agreementterms_change                               IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_agreementterms_changelist                           IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_agreementterms_changelist?q=Bertil                  IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_agreementterms_delete                               IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_agreementterms_history                              IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_application_add                                     IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_application_change                                  IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_application_changelist                              IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_application_changelist?q=Bertil                     IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_application_delete                                  IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_application_export                                  IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_application_export@post                             IN   IN   IN   IN   IN   IN   IN   NC   NC
admin:acnm_mentoring_application_history                                 IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_awardcycle_add                                      IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_awardcycle_change                                   IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_awardcycle_changelist                               IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_awardcycle_changelist?q=Bertil                      IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_awardcycle_delete                                   IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_awardcycle_history                                  IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_careerdirection_add                                 IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_careerdirection_change                              IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_careerdirection_changelist                          IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_careerdirection_changelist?q=Bertil                 IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_careerdirection_delete                              IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_careerdirection_history                             IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_feedback_add                                        IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_feedback_change                                     IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_feedback_changelist                                 IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_feedback_changelist?q=Bertil                        IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_feedback_delete                                     IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_feedback_history                                    IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_fieldofinterest_add                                 IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_fieldofinterest_change                              IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_fieldofinterest_changelist                          IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_fieldofinterest_changelist?q=Bertil                 IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_fieldofinterest_delete                              IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_fieldofinterest_history                             IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_member_add                                          IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_member_change                                       IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_member_changelist                                   IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_member_changelist?q=Bertil                          IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_member_delete                                       IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_member_export                                       IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_member_export@post                                  IN   IN   IN   IN   IN   IN   IN   NC   NC
admin:acnm_mentoring_member_history                                      IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_member_import                                       IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_member_process_import                               IN   IN   IN   IN   IN   IN   IN   NA   NA
admin:acnm_mentoring_mentorprofile_add                                   IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_mentorprofile_change                                IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_mentorprofile_changelist                            IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_mentorprofile_changelist?q=Bertil                   IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_mentorprofile_delete                                IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_mentorprofile_export                                IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_mentorprofile_export@post                           IN   IN   IN   IN   IN   IN   IN   NC   NC
admin:acnm_mentoring_mentorprofile_history                               IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_mentorprofile_import                                IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_mentorprofile_process_import                        IN   IN   IN   IN   IN   IN   IN   NA   NA
admin:acnm_mentoring_mentorship_add                                      IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_mentorship_change                                   IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_mentorship_changelist                               IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_mentorship_changelist?q=Bertil                      IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_mentorship_delete                                   IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_mentorship_export                                   IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_mentorship_export@post                              IN   IN   IN   IN   IN   IN   IN   NC   NC
admin:acnm_mentoring_mentorship_history                                  IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_nomination_add                                      IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_nomination_change                                   IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_nomination_changelist                               IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_nomination_changelist?q=Bertil                      IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_nomination_delete                                   IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_nomination_export                                   IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_nomination_export@post                              IN   IN   IN   IN   IN   IN   IN   NC   NC
admin:acnm_mentoring_nomination_history                                  IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_program_add                                         IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_program_change                                      IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_program_changelist                                  IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_program_changelist?q=Bertil                         IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_program_delete                                      IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_program_history                                     IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_vote_add                                            IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_vote_change                                         IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:acnm_mentoring_vote_changelist                                     IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_vote_changelist?q=Bertil                            IN   IN   IN   IN   IN   IN   IN   OK   OK
admin:acnm_mentoring_vote_delete                                         IN   IN   IN   IN   IN   IN   IN   NO   NO
admin:acnm_mentoring_vote_history                                        IN   IN   IN   IN   IN   IN   IN   NO   OK
admin:app_list                                                           IN   IN   IN   IN   IN   IN   IN   OK   OK
"""  # noqa: E501

#: Valid-looking bodies for the URLs that only take forms (see the
#: docstring); ``{record.attribute}`` names the shared data. No body carries
#: a marker: a form sent back with what was typed shows no one's secret.
POSTS = {
    "acnm_mentoring:agreement_sign": {
        "goals": "Publish a first abstract.",
        "contact_cadence": "monthly",
        "planned_term_years": "1",
        "typed_name": "A Signer",
        "confirm": "on",
    },
    "acnm_mentoring:contact_log": {
        "date": "{today}",
        "method": "phone",
        "notes": "Talked about the abstract.",
    },
    "acnm_mentoring:end_early": {"reason": "The mentee moved to another city."},
    "acnm_mentoring:mentor_request": {"message": "Could we talk about PET?"},
    "acnm_mentoring:nominate": {
        "nominee": "{mentor.pk}",
        "statement": "She read every draft and came to every rehearsal. " * 3,
    },
    "acnm_mentoring:request_answer": {"reason": "No place left this year."},
    "acnm_mentoring:vote": {"nominee": "{mentor.pk}"},
    # Members' forms that also show a page: sent by everyone all the same.
    "acnm_mentoring:apply@post": {
        "training_programme": "Lakeside residency",
        "training_year": "2",
        "goals": "Prepare for the boards.",
    },
    "acnm_mentoring:feedback@post": {
        "rating": "4",
        "comments": "Steady progress.",
        "goals_met": "partly",
        "would_recommend": "True",
    },
    "acnm_mentoring:mentor_profile_edit@post": {
        "bio": "Cardiac PET.",
        "career_level": "senior",
        "capacity": "4",
        "accepting_new_mentees": "on",
        "listed_in_directory": "on",
    },
    "acnm_mentoring:my_outcomes@post": {
        "abnm_exam_passed_year": "{this_year}",
        "first_position": "academic_centre",
        "publications": "3",
        "presentations": "2",
    },
    # Staff's decisions in the Wagtail admin, sent by whoever may not take them.
    "acnm_mentoring_applications:edit@post": {
        "decision": "",
        "staff_notes": "Seen at the interview.",
    },
    "acnm_mentoring_mentors:edit@post": {
        "bio": "Cardiac PET.",
        "career_level": "senior",
        "capacity": "5",
        "accepting_new_mentees": "on",
        "listed_in_directory": "on",
    },
    "acnm_mentoring_pairs:add@post": {
        "mentor": "{another_mentor_profile.pk}",
        "mentee": "{requester.pk}",
        "request_message": "Matched at the annual meeting.",
    },
    "acnm_mentoring_terms:add@post": {
        "program": "{program.pk}",
        "text": "We meet monthly and keep what we say between us.",
    },
    "wagtailsnippets_acnm_mentoring_awardcycle:edit@post": {
        "program": "{program.pk}",
        "year": "{cycle.year}",
        "nominations_open_at": "{cycle_opens}",
        "nominations_close_at": "{cycle_closes}",
        # A week later than it was: the change the POST makes.
        "annual_meeting_date": "{meeting_moved}",
        "nominator_stages": "resident",
        "nominee_rule": "own_mentors",
        "statement_min_length": "50",
        "statement_max_length": "2000",
    },
    "wagtailsnippets_acnm_mentoring_awardcycle:results@post": {
        "step": "shortlist",
        "nominees": "{mentor.pk}",
    },
    # The Django admin's downloads: the first format (CSV), the first list.
    **{
        f"admin:acnm_mentoring_{model}_export@post": {"format": "0", "resource": "0"}
        for model in (
            "application",
            "member",
            "mentorprofile",
            "mentorship",
            "nomination",
        )
    },
}

#: ``(URL, persona): "marker ..."``: markers that persona rightly sees there
#: although the record is not theirs, each with why.
MAY_SEE = {
    # Members are the association's, not a programme's: staff of any
    # programme choose mentees among them and read the member roster.
    ("acnm_mentoring_pairs:add", "other_programme_staff"): "Quistgaard Vandersloot",
    ("acnm_mentoring_pairs:add@post", "other_programme_staff"): (
        "Quistgaard Vandersloot"
    ),
    ("admin:acnm_mentoring_member_change", "other_programme_staff"): "Quistgaard",
    ("admin:acnm_mentoring_member_history", "other_programme_staff"): "Quistgaard",
    ("admin:acnm_mentoring_member_changelist", "other_programme_staff"): (
        "Quistgaard Vandersloot"
    ),
    ("admin:acnm_mentoring_member_changelist?q=Bertil", "other_programme_staff"): (
        "Vandersloot"
    ),
    ("admin:acnm_mentoring_member_export@post", "other_programme_staff"): (
        "Quistgaard Vandersloot"
    ),
}

#: ``(URL, persona): why`` for cells known to be wrong today.
KNOWN_FAILURES = {}

#: Answers that are neither shown nor refused, by status.
STATUS_CODES = {400: "BR", 405: "NA"}
CODES = {"OK", "IN", "NO", "GO", "DO", "NC", *STATUS_CODES.values()}


def rows():
    """``{url: (cells by persona, {parameter: value})}`` from ``TABLE``."""
    parsed = {}
    for number, line in enumerate(TABLE.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url, *rest = line.split()
        cells, extra = rest[: len(PERSONAS)], rest[len(PERSONAS) :]
        if len(cells) != len(PERSONAS) or not set(cells) <= CODES:
            raise ValueError(
                f"TABLE line {number} ({url}): {len(PERSONAS)} cells from "
                f"{sorted(CODES)} expected, found {cells}"
            )
        if url in parsed:
            raise ValueError(f"TABLE line {number}: {url} has two rows")
        parameters = dict(item.split("=", 1) for item in extra)
        parsed[url] = (dict(zip(PERSONAS, cells, strict=True)), parameters)
    return parsed
