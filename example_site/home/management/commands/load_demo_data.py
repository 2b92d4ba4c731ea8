"""Make the example site whole in one step; safe to run again."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page, Site

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.feedback import add_months
from acnm_mentoring_plugin.models import (
    AgreementTerms,
    Application,
    ApplicationRole,
    AwardCycle,
    AwardCycleStatus,
    CareerDirection,
    FieldOfInterest,
    Member,
    MentorProfile,
    Mentorship,
    Program,
)
from acnm_mentoring_plugin.wagtail.pages.models import (
    AwardPage,
    MentorDirectoryPage,
    MentoringProgramPage,
)
from example_site.home import demo_content as demo
from example_site.home.models import HomePage, StandardPage


class Command(BaseCommand):
    help = "Seed the example site with the demo programme, pages and members."

    def handle(self, *args, **options):
        # The demo members' welcome e-mails would only clutter the console.
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
            ),
            transaction.atomic(),
        ):
            self.seed()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def seed(self):
        program = self.seed_programme()
        home = self.home_page()
        directory = self.directory_page(home, program)
        self.program_page(home, program, directory)
        self.mentor_page(home, program)
        self.my_mentoring_page(home)
        self.award_page(home, program)

    def seed_programme(self):
        """The programme, its people, its pairs and its award: all but the
        pages, which the django CMS example (load_djangocms_demo) makes its own."""
        program = self.program()
        staff = self.staff_and_editor()
        self.members()
        self.mentors(program, staff)
        self.accepted_mentees(program, staff)
        self.partnerships(program)
        self.completed_partnerships(program, staff)
        self.award(program, staff)
        return program

    def program(self):
        fields = {k: v for k, v in demo.PROGRAM.items() if k != "slug"}
        program, _ = Program.objects.update_or_create(
            slug=demo.PROGRAM["slug"], defaults=fields
        )
        AgreementTerms.objects.get_or_create(
            program=program, version=1, defaults={"text": demo.AGREEMENT_TERMS}
        )
        return program

    def user(self, username, first, last, **extra):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@acnm.example",
                **extra,
            },
        )
        if created:
            user.set_password(demo.PASSWORD)
            user.save()
        return user

    def staff_and_editor(self):
        staff_group, _ = Group.objects.get_or_create(name="Mentoring staff")
        staff_group.permissions.add(
            Permission.objects.get(
                codename="access_admin", content_type__app_label="wagtailadmin"
            ),
            *Permission.objects.filter(
                content_type__app_label="acnm_mentoring",
                codename__in=[
                    "manage_program",
                    "export_data",
                    *(
                        f"{action}_{model}"
                        for action in ("add", "change", "view")
                        for model in ("program", "fieldofinterest", "careerdirection")
                    ),
                ],
            ),
        )
        staff = self.user("staff", "Anne", "Hiller", is_staff=True)
        staff.groups.add(staff_group)
        editor = self.user("editor", "Sam", "Webb")
        editors = Group.objects.filter(name="Editors").first()
        if editors:
            editor.groups.add(editors)
        self.user("admin", "Site", "Administrator", is_staff=True, is_superuser=True)
        return staff

    def members(self):
        for position, member in enumerate(demo.MEMBERS, start=1):
            username, first, last, stage, year, place, status = member
            user = self.user(username, first, last)
            Member.objects.update_or_create(
                user=user,
                defaults={
                    "membership_id": demo.membership_id(position),
                    "membership_status": status,
                    "career_stage": stage,
                    "training_year": year,
                    "institution": place,
                },
            )

    def mentors(self, program, staff):
        """Faculty apply as mentors and staff accept them, as on the live site."""
        User = get_user_model()
        for username, (specialties, directions, offer) in demo.MENTORS.items():
            member = Member.objects.get(user__username=username)
            if MentorProfile.objects.filter(member=member, program=program).exists():
                continue
            application = services.submit_application(
                User.objects.get(username=username),
                program,
                ApplicationRole.MENTOR,
                goals=offer,
                interests=FieldOfInterest.objects.filter(slug__in=specialties),
                career_directions=CareerDirection.objects.filter(slug__in=directions),
            )
            services.accept_application(staff, application)
            profile = MentorProfile.objects.get(member=member, program=program)
            profile.bio = offer
            profile.save(update_fields=["bio"])

    def accepted_mentees(self, program, staff):
        User = get_user_model()
        for username, goals in demo.ACCEPTED_MENTEES.items():
            user = User.objects.get(username=username)
            if Application.objects.filter(
                member__user=user, program=program, role=ApplicationRole.MENTEE
            ).exists():
                continue
            member = user.mentoring_member
            application = services.submit_application(
                user,
                program,
                ApplicationRole.MENTEE,
                goals=goals,
                training_programme=member.institution,
                training_year=member.training_year,
                interests=FieldOfInterest.objects.filter(
                    slug__in=["theranostics", "oncology"]
                ),
                career_directions=CareerDirection.objects.filter(slug="academic"),
            )
            services.accept_application(staff, application)

    def partnerships(self, program):
        """A pair well under way, signed and in touch, as the site would have it."""
        User = get_user_model()
        for mentee_name, mentor_name, goals, years, contacts in demo.PARTNERSHIPS:
            mentee = User.objects.get(username=mentee_name)
            mentor = User.objects.get(username=mentor_name)
            if Mentorship.objects.filter(
                program=program, mentee__user=mentee, mentor__user=mentor
            ).exists():
                continue
            profile = MentorProfile.objects.get(program=program, member__user=mentor)
            mentorship = services.request_mentor(
                mentee, profile, "I would value your advice on moving to industry."
            )
            services.accept_request(mentor, mentorship)
            agreement = mentorship.agreement
            services.sign_agreement(
                mentee,
                agreement,
                mentee.get_full_name(),
                goals=goals,
                contact_cadence="monthly",
                years=years,
            )
            services.sign_agreement(mentor, agreement, mentor.get_full_name())
            today = timezone.localdate()
            # The demo is one feedback interval into the partnership, so
            # the first feedback on progress is open (demo_content.FEEDBACK).
            started = add_months(today, -program.feedback_interval_months)
            Mentorship.objects.filter(pk=mentorship.pk).update(
                start_date=started, planned_end_date=add_months(started, 12 * years)
            )
            mentorship.refresh_from_db()
            for days_ago, method, notes in contacts:
                services.log_contact(
                    mentee,
                    mentorship,
                    today - datetime.timedelta(days=days_ago),
                    method,
                    notes,
                )
            rating, comments = demo.FEEDBACK.get(mentor_name, (None, ""))
            if rating:
                services.give_feedback(
                    mentor, mentorship, rating=rating, comments=comments
                )

    def completed_partnerships(self, program, staff):
        User = get_user_model()
        for mentee_name, mentor_name, goals, years in demo.COMPLETED_PARTNERSHIPS:
            mentee = User.objects.get(username=mentee_name)
            mentor = User.objects.get(username=mentor_name)
            if Mentorship.objects.filter(
                program=program, mentee__user=mentee, mentor__user=mentor
            ).exists():
                continue
            profile = MentorProfile.objects.get(program=program, member__user=mentor)
            mentorship = services.request_mentor(mentee, profile, "Exam year help?")
            services.accept_request(mentor, mentorship)
            services.sign_agreement(
                mentee,
                mentorship.agreement,
                mentee.get_full_name(),
                goals=goals,
                contact_cadence="monthly",
                years=years,
            )
            services.sign_agreement(
                mentor, mentorship.agreement, mentor.get_full_name()
            )
            mentorship.refresh_from_db()
            services.complete_mentorship(staff, mentorship)

    def award(self, program, staff):
        """This year's award open for nominations, and last year's winner.

        Last year is history from before the site: written as it stood, not
        replayed through the services (its nominations closed long ago).
        """
        this_year = timezone.localdate().year
        if not AwardCycle.objects.filter(program=program, year=this_year).exists():
            meeting = timezone.localdate() + datetime.timedelta(days=120)
            services.create_award_cycle(
                staff,
                AwardCycle(
                    program=program,
                    year=this_year,
                    nominations_open_at=timezone.make_aware(
                        datetime.datetime.combine(
                            timezone.localdate() - datetime.timedelta(days=14),
                            datetime.time(9),
                        )
                    ),
                    nominations_close_at=timezone.make_aware(
                        datetime.datetime.combine(
                            meeting - datetime.timedelta(days=45), datetime.time(23, 59)
                        )
                    ),
                    annual_meeting_date=meeting,
                ),
            )
        for year, winner, citation in demo.PAST_AWARDS:
            if AwardCycle.objects.filter(program=program, year=year).exists():
                continue
            meeting = datetime.date(year + 1, 3, 20)
            AwardCycle.objects.create(
                program=program,
                year=year,
                nominations_open_at=timezone.make_aware(
                    datetime.datetime(year, 11, 1, 9)
                ),
                nominations_close_at=timezone.make_aware(
                    datetime.datetime(year + 1, 1, 31, 23, 59)
                ),
                annual_meeting_date=meeting,
                winner=Member.objects.get(user__username=winner),
                citation=citation,
                status=AwardCycleStatus.ANNOUNCED,
                announced_at=timezone.make_aware(datetime.datetime(year + 1, 3, 20)),
            )

    def award_page(self, home, program):
        if AwardPage.objects.exists():
            return
        home.add_child(
            instance=AwardPage(
                title="Best Mentor of the Year",
                slug="best-mentor-of-the-year",
                program=program,
                intro=demo.AWARD_INTRO,
            )
        ).save_revision().publish()

    def my_mentoring_page(self, home):
        if StandardPage.objects.filter(slug="my-mentoring").exists():
            return
        home.add_child(
            instance=StandardPage(
                title="My mentoring",
                slug="my-mentoring",
                body=[
                    (
                        "paragraph",
                        "<p>Your applications, your mentor or mentees, and "
                        "what to do next.</p>",
                    ),
                    ("agreement", {"heading": "Your Mentor/Mentee Agreement"}),
                    ("my_mentoring", {"heading": "Your mentoring"}),
                ],
            )
        ).save_revision().publish()

    def directory_page(self, home, program):
        existing = MentorDirectoryPage.objects.first()
        if existing is not None:
            return existing
        page = home.add_child(
            instance=MentorDirectoryPage(
                title="Find a mentor",
                slug="mentors",
                program=program,
                intro="<p>Search by name, field or career direction. Once your "
                "mentee application is accepted, open a mentor's page and ask "
                "them to be your mentor; they have two weeks to answer.</p>",
            )
        )
        page.save_revision().publish()
        return page

    def home_page(self):
        home = HomePage.objects.first()
        if home is not None:
            return home
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="American College of Nuclear Medicine",
                slug="acnm-home",
                intro="<p>Welcome to the College's site.</p>",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True
            )
        else:
            site.root_page = home
            site.save()
        if old_root is not None and old_root.pk != home.pk and old_root.depth == 2:
            old_root.delete()
        return home

    def program_page(self, home, program, directory):
        if MentoringProgramPage.objects.exists():
            return
        body = [
            ("section", {"heading": h, "text": t, "points": p})
            for h, t, p in demo.SECTIONS
        ]
        body.insert(
            3,
            (
                "application_form",
                {
                    "program": program,
                    "role": "mentee",
                    "intro": "<p>Residents, fellows and researchers: tell us "
                    "about your training and goals, and we will help you find "
                    "the right mentor.</p>",
                    "success_message": "",
                },
            ),
        )
        body.insert(
            4,
            (
                "mentor_directory",
                {
                    "heading": "Some of our mentors",
                    "program": program,
                    "accepting_only": True,
                    "count": 3,
                    "directory_page": directory,
                },
            ),
        )
        body.append(
            (
                "award_nomination",
                {
                    "heading": "",
                    "program": program,
                    "cycle": None,
                    "intro": "",
                    "show_past_recipients": False,
                },
            )
        )
        body.append(
            (
                "contact",
                {
                    "heading": "Prefer paper?",
                    "program": program,
                    "text": "<p>You may still post or fax your application and "
                    "agreement to the College.</p>",
                },
            )
        )
        home.add_child(
            instance=MentoringProgramPage(
                title="ACNM Mentoring Program",
                slug="mentoring-program",
                program=program,
                intro=demo.INTRO,
                body=body,
            )
        ).save_revision().publish()

    def mentor_page(self, home, program):
        if StandardPage.objects.filter(slug="become-a-mentor").exists():
            return
        home.add_child(
            instance=StandardPage(
                title="Become a mentor",
                slug="become-a-mentor",
                body=[
                    (
                        "paragraph",
                        "<p>Faculty members of the College guide the next "
                        "generation of nuclear medicine physicians and "
                        "scientists. Tell us what you can offer.</p>",
                    ),
                    (
                        "application_form",
                        {
                            "program": program,
                            "role": "mentor",
                            "intro": "",
                            "success_message": "",
                        },
                    ),
                ],
            )
        ).save_revision().publish()
