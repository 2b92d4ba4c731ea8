"""The example site's demo content, written for the ACNM Mentoring Program.

Kept apart from the command so tests can build the same site.
"""

PROGRAM = {
    "slug": "acnm",
    "name": "ACNM Mentoring Program",
    "coordinator_name": "Anne Hiller",
    "coordinator_email": "mentoring@acnm.example",
    "postal_address": (
        "American College of Nuclear Medicine\n"
        "Attn: Mentoring Program\n"
        "1850 Samuel Morse Drive\n"
        "Reston, VA 20191"
    ),
    "fax": "703-708-9020",
}

AGREEMENT_TERMS = """\
1. The mentee starts the contact and proposes dates; we aim for contact at least \
once a month by e-mail, telephone or video, and more often when we agree to.
2. We keep what we discuss professional and confidential.
3. The mentor guides the mentee on training, research and career choices and, \
where it helps, introduces the mentee to colleagues who can support their \
advancement.
4. The mentee asks for advice openly and prepares for our conversations.
5. Our partnership runs for the term we agree below (one to three years), and \
either of us may end it early by telling the other and the programme.
"""

INTRO = (
    "<p>The ACNM Mentoring Program pairs nuclear medicine residents, fellows "
    "and researchers with faculty who have walked the road before them. It "
    "adds personal, career-long guidance to what your residency programme "
    "director already gives you.</p>"
)

SECTIONS = [
    (
        "Why we run it",
        "<p>The College wants more trainees to thrive in training, pass the "
        "ABNM qualifying exam and build lasting careers as nuclear medicine "
        "physicians and scientists.</p>",
        [
            "Raise the chances of academic success for every trainee.",
            "Open doors to collaboration and networking, including the newest "
            "clinical and research topics.",
            "Give the specialty a structured way to renew itself, generation "
            "after generation.",
        ],
    ),
    (
        "How it works",
        "",
        [
            "Residents and fellows choose a junior or senior nuclear medicine "
            "faculty member as their mentor.",
            "Your mentor helps you prepare for positions in academic centres, "
            "private practice or industry.",
            "Everything you discuss stays professional and confidential.",
        ],
    ),
    (
        "What we ask of each other",
        "",
        [
            "Mentees: bring your questions on training, research, job "
            "prospects, contracts and salary, and take up introductions your "
            "mentor offers.",
            "Mentors: help set honest goals, give feedback on progress, and "
            "advise on further training such as cardiology, oncology, PET or CT.",
            "Both: sign the Mentor/Mentee Agreement together on this site.",
        ],
    ),
    (
        "Time commitment",
        "",
        [
            "A partnership of one to three years, ideally starting in the "
            "first or second year of residency and lasting into your first "
            "year of practice.",
            "The mentee gets in touch first.",
            "We recommend contact every month by e-mail, phone or video, or "
            "more often if you both wish.",
        ],
    ),
    (
        "What mentees gain",
        "",
        [
            "Guidance on education and research that leads to the right job.",
            "Regular feedback on academic progress.",
            "Recognition of your strengths and of where you can grow.",
            "A wider network of people and resources to call on.",
        ],
    ),
    (
        "What mentors gain",
        "",
        [
            "The satisfaction of passing on what you have learned.",
            "Fresh perspectives from the residents and fellows you guide.",
            "Recognition of your academic and professional work, and new "
            "collaborations.",
            "Acknowledgement through ACNM's Residents as Future Leaders Program.",
        ],
    ),
    (
        "Best Mentor of the Year",
        "<p>Each year, before the ACNM Annual Meeting, residents and fellows "
        "choose the mentor who made the greatest difference to them. The "
        "winner is honoured at the meeting.</p>",
        [],
    ),
]

PASSWORD = "mentoring-demo"


def membership_id(position):
    """The membership number of the demo member at ``position`` (1-based) of MEMBERS.

    The demo identity provider and the site's seed both use it, so a demo
    member signing in with ACNM finds their own record (applications,
    mentor profile) on the site.
    """
    return f"ACNM-{10000 + position}"


# username, first, last, career stage, training year, institution, membership
MEMBERS = [
    (
        "resident",
        "Jordan",
        "Rivera",
        "resident",
        2,
        "Riverside University Hospital",
        "active",
    ),
    ("fellow", "Priya", "Natarajan", "fellow", 1, "Lakeshore Medical Center", "active"),
    (
        "researcher",
        "Tomás",
        "Okafor",
        "researcher",
        None,
        "Northfield Institute of Imaging",
        "active",
    ),
    (
        "mentor",
        "Helen",
        "Marsh",
        "senior_faculty",
        None,
        "Riverside University Hospital",
        "active",
    ),
    (
        "mentor2",
        "Daniel",
        "Cho",
        "junior_faculty",
        None,
        "Bayview Cancer Center",
        "active",
    ),
    (
        "mentor3",
        "Grace",
        "Adeyemi",
        "senior_faculty",
        None,
        "Summit Heart Institute",
        "active",
    ),
    ("lapsed", "Leo", "Brandt", "resident", 3, "Eastgate Medical School", "lapsed"),
    (
        "mentor4",
        "Marta",
        "Lindqvist",
        "senior_faculty",
        None,
        "Northfield Institute of Imaging",
        "active",
    ),
    (
        "mentor5",
        "Rahul",
        "Mehta",
        "junior_faculty",
        None,
        "Lakeshore Medical Center",
        "active",
    ),
    (
        "mentor6",
        "Sofia",
        "Greco",
        "senior_faculty",
        None,
        "Westbrook Children's Hospital",
        "active",
    ),
    (
        "mentor7",
        "Kwame",
        "Boateng",
        "junior_faculty",
        None,
        "Radiance Isotopes Inc.",
        "active",
    ),
    (
        "mentor8",
        "Elena",
        "Vasquez",
        "senior_faculty",
        None,
        "Eastgate Medical School",
        "active",
    ),
    (
        "mentor9",
        "Tom",
        "Whitaker",
        "junior_faculty",
        None,
        "Harbor Imaging Partners",
        "active",
    ),
]

#: Trainees whose mentee application staff have already accepted: they may
#: choose a mentor in the directory straight away.
ACCEPTED_MENTEES = {
    "fellow": "Board certification and a first academic post in theranostics.",
    "researcher": "A path from research into industry, and my first grant.",
}

#: A partnership already under way: (mentee, mentor, goals, years, contacts
#: as (days ago, method, notes)).
PARTNERSHIPS = [
    (
        "researcher",
        "mentor3",
        "Plan a move from academic research into industry; write a first "
        "grant application; present at the Annual Meeting.",
        2,
        [
            (40, "video", "Talked through the grant's aims and a timeline."),
            (12, "email", "Sent the draft specific aims; feedback due next week."),
        ],
    ),
]

# mentor username -> their first feedback on their mentee's progress
FEEDBACK = {
    "mentor3": (
        4,
        "Strong progress on the specific aims; the timeline is realistic. "
        "Next: a first full draft before the Annual Meeting abstract deadline.",
    ),
}

# username -> (specialty slugs, direction slugs, what they offer)
MENTORS = {
    "mentor": (
        ["oncology", "theranostics", "pet"],
        ["academic"],
        "Twenty years in academic nuclear medicine; theranostics and "
        "oncologic PET; happy to help with research and first publications.",
    ),
    "mentor2": (
        ["ct", "spect", "oncology"],
        ["private-practice", "academic"],
        "Recently made the move from fellowship to practice; glad to talk "
        "about job searches, contracts and the first years.",
    ),
    "mentor3": (
        ["cardiology", "pet", "research"],
        ["industry", "academic"],
        "Nuclear cardiology and PET research, with years of work alongside "
        "industry partners.",
    ),
    "mentor4": (
        ["neuro", "pet", "research"],
        ["academic"],
        "Neuro PET and dementia imaging; I run a research group and enjoy "
        "helping trainees through their first grant applications.",
    ),
    "mentor5": (
        ["spect", "cardiology"],
        ["private-practice"],
        "Community practice with a busy SPECT service; ask me about "
        "balancing clinical work, call and family.",
    ),
    "mentor6": (
        ["paediatrics", "spect"],
        ["academic"],
        "Paediatric nuclear medicine: gentle protocols, dose reduction and "
        "working with children and parents.",
    ),
    "mentor7": (
        ["radiopharmacy", "theranostics"],
        ["industry"],
        "Radiopharmaceutical development in industry after residency; "
        "regulatory work, clinical trials and what companies look for.",
    ),
    "mentor8": (
        ["oncology", "theranostics", "research"],
        ["academic"],
        "Radioligand therapy trials and teaching; programme director of a "
        "residency, happy to talk about the ABNM qualifying exam.",
    ),
    "mentor9": (
        ["ct", "pet"],
        ["private-practice", "industry"],
        "Hybrid imaging in an outpatient group; contracts, partnership tracks "
        "and a side of consulting for scanner vendors.",
    ),
}

#: A partnership that ran its course: (mentee, mentor, goals, years). The
#: mentee may nominate the mentor for the award, and choose a new mentor.
COMPLETED_PARTNERSHIPS = [
    (
        "fellow",
        "mentor2",
        "Prepare for the ABNM qualifying exam and a first job search.",
        1,
    ),
]

AWARD_INTRO = (
    "<p>Each year, before the ACNM Annual Meeting, the programme's residents "
    "and fellows choose the mentor who made the greatest difference to them. "
    "If your mentor is that person, tell us why.</p>"
)

#: Last year's award, as history: (year, winner's username, citation).
PAST_AWARDS = [
    (
        2025,
        "mentor",
        "For reading every abstract twice, for the Friday tumour-board "
        "teaching, and for opening the doors of her research group to every "
        "resident who knocked.",
    ),
]
