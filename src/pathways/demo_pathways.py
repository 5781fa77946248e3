"""The demo region's content: organisations, services, credentials and three pathways.

All names of organisations and programs are invented (sample data). Codes are real:
O*NET-SOC occupations, CIP 2020 programs, NAICS sectors, CTDL types.
"""

from __future__ import annotations

from pathways.apps.accounts.models import Organisation
from pathways.apps.catalog.models import ComponentType, CredentialType, EntryPoint, Program
from pathways.apps.catalog.models import SupportService as S

K = Organisation.Kind
C = ComponentType
T = CredentialType

ORGANISATIONS = {
    "college": ("River Valley Community and Technical College (sample)", K.COLLEGE,
                "https://example.org/rvctc"),
    "adulted": ("Riverton Adult Education Center (sample)", K.ADULT_EDUCATION,
                "https://example.org/adult-ed"),
    "board": ("River Region Workforce Board (sample)", K.WORKFORCE_BOARD,
              "https://example.org/workforce"),
    "services": ("Riverton Family Services (sample)", K.SOCIAL_SERVICES,
                 "https://example.org/family"),
    "employers": ("River Region Manufacturers Association (sample)", K.EMPLOYER,
                  "https://example.org/manufacturers"),
    "hospital": ("Riverton Regional Hospital (sample)", K.EMPLOYER,
                 "https://example.org/hospital"),
}

SUPPORT_SERVICES = {
    "coaching": ("Career coaching at the Riverton Job Center", S.Category.CAREER_ADVISING,
                 "board", "One-to-one career planning, job search help and follow-up.", "Free"),
    "advising": ("College success advising", S.Category.ACADEMIC_ADVISING, "college",
                 "An advisor plans courses with you and checks in every term.", "Free"),
    "childcare": ("Childcare assistance", S.Category.CHILDCARE, "services",
                  "Help paying for licensed childcare while you are in class.",
                  "Free for eligible families"),
    "transport": ("Bus passes and gas cards", S.Category.TRANSPORTATION, "services",
                  "Monthly bus passes or gas cards for class and clinical days.", "Free"),
    "tutoring": ("Tutoring center", S.Category.TUTORING, "college",
                 "Drop-in help with math, writing and study skills.", "Free"),
    "aid": ("Financial aid and benefits help", S.Category.BENEFITS, "college",
            "Help applying for Pell grants, state aid and public benefits.", "Free"),
    "tools": ("Work tools and boots", S.Category.EQUIPMENT, "board",
              "Tools, boots and safety gear for training and a first job.", "Up to $300"),
    "laptops": ("Laptop lending", S.Category.TECHNOLOGY_LENDING, "college",
                "Borrow a laptop and hotspot for the term.", "Free"),
}

# key: (name, CTDL type, awarding provider key, awarding body when not a provider)
CREDENTIALS = {
    "ged": ("GED high school equivalency", T.HSE, None, "GED Testing Service"),
    "cna": ("Kentucky State Registered Nurse Aide", T.CERTIFICATION, None,
            "Kentucky Board of Nursing"),
    "phleb": ("Phlebotomy Technician Certificate", T.CERTIFICATE, "college", ""),
    "lpn": ("Licensed Practical Nurse", T.LICENSE, None, "Kentucky Board of Nursing"),
    "pn_diploma": ("Practical Nursing Diploma", T.CERTIFICATE, "college", ""),
    "adn": ("Associate in Applied Science, Nursing", T.ASSOCIATE_APPLIED, "college", ""),
    "rn": ("Registered Nurse License", T.LICENSE, None, "Kentucky Board of Nursing"),
    "cpt": ("Certified Production Technician", T.CERTIFICATION, None,
            "Manufacturing Skill Standards Council"),
    "weld": ("Welding Technology Certificate", T.CERTIFICATE, "college", ""),
    "cnc": ("CNC Machining Certificate", T.CERTIFICATE, "college", ""),
    "imt": ("Associate in Applied Science, Industrial Maintenance Technology",
            T.ASSOCIATE_APPLIED, "college", ""),
    "mt_apprentice": ("Registered Apprenticeship: Industrial Maintenance Technician",
                      T.APPRENTICESHIP, None, "U.S. Department of Labor"),
    "aplus": ("CompTIA A+", T.CERTIFICATION, None, "CompTIA"),
    "netplus": ("CompTIA Network+", T.CERTIFICATION, None, "CompTIA"),
    "secplus": ("CompTIA Security+", T.CERTIFICATION, None, "CompTIA"),
    "it_cert": ("IT Support Certificate", T.CERTIFICATE, "college", ""),
    "aas_net": ("Associate in Applied Science, Network Administration", T.ASSOCIATE_APPLIED,
                "college", ""),
}

# (lower credential, higher credential it counts toward)
STACKS = [
    ("cna", "pn_diploma"), ("pn_diploma", "adn"), ("lpn", "rn"), ("cpt", "weld"),
    ("cpt", "cnc"), ("weld", "imt"), ("cnc", "imt"), ("aplus", "it_cert"),
    ("it_cert", "aas_net"), ("netplus", "aas_net"),
]

ADULT_ED = {"kind": EntryPoint.Kind.ADULT_EDUCATION, "max_education": "some_hs",
            "min_efl": "ABE3", "max_efl": "ABE6"}
ENGLISH = {"kind": EntryPoint.Kind.ENGLISH_LEARNER, "english_levels": ["limited", "intermediate"],
           "min_efl": "ESL3", "max_efl": "ESL6"}
DIRECT = {"kind": EntryPoint.Kind.DIRECT, "min_education": "hs"}
EVENING = Program.Schedule.EVENING
HYBRID = Program.Modality.HYBRID

HEALTHCARE = {
    "slug": "nursing-and-patient-care",
    "name": "Nursing and Patient Care",
    "sector": ("healthcare", "Healthcare", "62",
               "Hospitals, clinics, nursing homes and home health care."),
    "description": "From nurse aide to registered nurse, with a paid job at every step.",
    "services": ["coaching", "advising", "childcare", "transport", "tutoring", "aid"],
    "levels": ["Bridge and basic skills", "Entry-level certificate", "Practical nursing",
               "Registered nursing"],
    "steps": [
        {"key": "bridge", "level": 1, "type": C.COURSE,
         "name": "Healthcare Bridge with GED preparation",
         "description": "Reading, math and GED preparation taught with health care content.",
         "iet": True, "credential": "ged", "leads_to": ["cna", "phleb"],
         "program": {"provider": "adulted", "name": "Healthcare Bridge (IET)", "cip": "51.3902",
                     "weeks": 16, "cost": "0", "hours": 240, "schedule": EVENING, "iet": True,
                     "credential": "ged", "requires": "CASAS reading score 211 or higher"}},
        {"key": "esl", "level": 1, "type": C.COURSE, "name": "English for Health Careers",
         "description": "English classes built around patient care vocabulary and tasks.",
         "iet": True, "leads_to": ["cna"],
         "program": {"provider": "adulted", "name": "English for Health Careers (IET)",
                     "cip": "51.3902", "weeks": 12, "cost": "0", "hours": 180,
                     "schedule": EVENING, "iet": True}},
        {"key": "cna", "level": 2, "type": C.CREDENTIAL, "name": "Nurse aide training",
         "credential": "cna", "leads_to": ["pn", "cna_job"],
         "program": {"provider": "college", "name": "Nurse Aide Training", "cip": "51.3902",
                     "weeks": 6, "cost": "1200", "hours": 120, "credential": "cna",
                     "requires": "Age 18+, background check"},
         "conditions": [{"name": "Ready for nurse aide training", "op": "Or",
                         "targets": ["bridge", "esl"],
                         "description": "Finish a bridge class, or enter directly with a "
                                        "high school diploma (direct entry point)."}]},
        {"key": "phleb", "level": 2, "type": C.CREDENTIAL, "name": "Phlebotomy technician",
         "credential": "phleb", "leads_to": ["phleb_job"],
         "program": {"provider": "college", "name": "Phlebotomy Technician", "cip": "51.1009",
                     "weeks": 10, "cost": "1800", "credits": "8", "credential": "phleb"}},
        {"key": "cna_job", "level": 2, "type": C.JOB, "name": "Nursing assistant",
         "occupation": "31-1131.00"},
        {"key": "phleb_job", "level": 2, "type": C.JOB, "name": "Phlebotomist",
         "occupation": "31-9097.00"},
        {"key": "ap1", "level": 3, "type": C.COURSE, "name": "Anatomy and Physiology I",
         "code": "BIO 137", "credits": "4", "designation": "Core", "weeks": 16, "cost": "720"},
        {"key": "eng101", "level": 3, "type": C.COURSE, "name": "Writing I", "code": "ENG 101",
         "credits": "3", "designation": "Core", "weeks": 16, "cost": "540"},
        {"key": "math", "level": 3, "type": C.COURSE, "name": "College Algebra",
         "code": "MAT 150", "credits": "3", "designation": "Elective", "weeks": 16,
         "cost": "540"},
        {"key": "psy", "level": 3, "type": C.COURSE, "name": "Introduction to Psychology",
         "code": "PSY 110", "credits": "3", "designation": "Elective", "weeks": 16,
         "cost": "540"},
        {"key": "pn", "level": 3, "type": C.CREDENTIAL, "name": "Practical nursing diploma",
         "credential": "pn_diploma", "leads_to": ["lpn_job", "adn"],
         "program": {"provider": "college", "name": "Practical Nursing", "cip": "51.3901",
                     "weeks": 48, "cost": "9500", "credits": "45", "credential": "pn_diploma",
                     "schedule": EVENING, "modality": HYBRID,
                     "requires": "Nurse aide credential; Anatomy and Physiology I"},
         "conditions": [{"name": "Nurse aide and science ready", "op": "And",
                         "targets": ["cna", "ap1"]}]},
        {"key": "lpn_job", "level": 3, "type": C.JOB, "name": "Licensed practical nurse",
         "credential": "lpn", "occupation": "29-2061.00"},
        {"key": "adn", "level": 4, "type": C.CREDENTIAL, "name": "Associate degree in nursing",
         "credential": "adn", "leads_to": ["rn_job"],
         "program": {"provider": "college", "name": "Associate Degree Nursing (LPN to RN)",
                     "cip": "51.3801", "weeks": 64, "cost": "11200", "credits": "68",
                     "credential": "adn", "modality": HYBRID},
         "conditions": [{"name": "Admission to the nursing degree", "op": "And", "sub": [
             {"name": "A nursing credential", "op": "Or", "targets": ["pn", "cna"]},
             {"name": "10 credits of general education", "credits": "10",
              "targets": ["ap1", "eng101", "math", "psy"]},
             {"name": "Two of the three core courses", "n": 2,
              "targets": ["ap1", "eng101", "math"]},
         ]}]},
        {"key": "rn_job", "level": 4, "type": C.JOB, "name": "Registered nurse",
         "credential": "rn", "occupation": "29-1141.00"},
    ],
    "entries": [
        {"name": "Adult education bridge", "at": "bridge", **ADULT_ED,
         "description": "For adults without a high school diploma: earn a GED while starting "
                        "health care training."},
        {"name": "English learners", "at": "esl", **ENGLISH,
         "description": "For adults learning English who want to work in health care."},
        {"name": "Direct entry", "at": "cna", **DIRECT,
         "description": "For adults with a high school diploma or GED."},
    ],
    "exits": [
        ("Nursing assistant", "cna_job", "31-1131.00", False),
        ("Phlebotomist", "phleb_job", "31-9097.00", False),
        ("Licensed practical nurse", "lpn_job", "29-2061.00", False),
        ("Registered nurse", "rn_job", "29-1141.00", True),
    ],
}

MANUFACTURING = {
    "slug": "advanced-manufacturing-technician",
    "name": "Advanced Manufacturing Technician",
    "sector": ("advanced-manufacturing", "Advanced Manufacturing", "31",
               "Factories making vehicles, parts, machinery and consumer goods."),
    "description": "From the production floor to maintenance technician, with an "
                   "apprenticeship option.",
    "services": ["coaching", "transport", "tools", "aid"],
    "levels": ["Foundations", "Production", "Skilled trades", "Technician"],
    "steps": [
        {"key": "bridge", "level": 1, "type": C.COURSE,
         "name": "Manufacturing Bridge with GED preparation", "iet": True, "credential": "ged",
         "leads_to": ["cpt"],
         "program": {"provider": "adulted", "name": "Manufacturing Bridge (IET)",
                     "cip": "15.0613", "weeks": 14, "cost": "0", "hours": 210,
                     "schedule": EVENING, "iet": True, "credential": "ged"}},
        {"key": "cpt", "level": 2, "type": C.CREDENTIAL,
         "name": "Certified Production Technician", "credential": "cpt",
         "leads_to": ["assembler_job", "inspector_job", "weld", "cnc"],
         "program": {"provider": "college", "name": "Certified Production Technician",
                     "cip": "15.0613", "weeks": 10, "cost": "1500", "credits": "6",
                     "credential": "cpt"},
         "conditions": [{"name": "Basic skills ready", "op": "Or", "targets": ["bridge"]}]},
        {"key": "assembler_job", "level": 2, "type": C.JOB, "name": "Team assembler",
         "occupation": "51-2092.00"},
        {"key": "inspector_job", "level": 2, "type": C.JOB, "name": "Quality inspector",
         "occupation": "51-9061.00"},
        {"key": "weld", "level": 3, "type": C.CREDENTIAL, "name": "Welding certificate",
         "credential": "weld", "leads_to": ["welder_job", "imt"],
         "program": {"provider": "college", "name": "Welding Technology Certificate",
                     "cip": "48.0508", "weeks": 32, "cost": "4800", "credits": "24",
                     "credential": "weld", "schedule": EVENING}},
        {"key": "cnc", "level": 3, "type": C.CREDENTIAL, "name": "CNC machining certificate",
         "credential": "cnc", "leads_to": ["machinist_job", "imt"],
         "program": {"provider": "college", "name": "CNC Machining Certificate",
                     "cip": "48.0501", "weeks": 32, "cost": "5200", "credits": "26",
                     "credential": "cnc"}},
        {"key": "welder_job", "level": 3, "type": C.JOB, "name": "Welder",
         "occupation": "51-4121.00"},
        {"key": "machinist_job", "level": 3, "type": C.JOB, "name": "Machinist",
         "occupation": "51-4041.00"},
        {"key": "apprentice", "level": 4, "type": C.WORK_EXPERIENCE,
         "name": "Maintenance technician apprenticeship", "apprenticeship": True,
         "credential": "mt_apprentice", "weeks": 104, "cost": "0", "leads_to": ["mech_job"],
         "description": "Paid work with an employer partner plus related instruction."},
        {"key": "imt", "level": 4, "type": C.CREDENTIAL,
         "name": "Industrial maintenance technology degree", "credential": "imt",
         "leads_to": ["mech_job"],
         "program": {"provider": "college", "name": "Industrial Maintenance Technology AAS",
                     "cip": "47.0303", "weeks": 80, "cost": "10400", "credits": "64",
                     "credential": "imt", "modality": HYBRID},
         "conditions": [{"name": "One skilled-trade certificate", "n": 1,
                         "targets": ["weld", "cnc"]}]},
        {"key": "mech_job", "level": 4, "type": C.JOB, "name": "Industrial machinery mechanic",
         "occupation": "49-9041.00",
         "conditions": [{"name": "Degree or apprenticeship", "op": "Or",
                         "targets": ["imt", "apprentice"]}]},
    ],
    "entries": [
        {"name": "Adult education bridge", "at": "bridge", **ADULT_ED,
         "description": "For adults without a high school diploma."},
        {"name": "Direct entry", "at": "cpt", **DIRECT,
         "description": "For adults with a high school diploma or GED."},
        {"name": "Incumbent workers", "at": "weld", "kind": EntryPoint.Kind.CAREER_ADVANCEMENT,
         "min_education": "hs", "prerequisites": "Current production job; employer referral",
         "description": "For people already working in manufacturing."},
    ],
    "exits": [
        ("Team assembler", "assembler_job", "51-2092.00", False),
        ("Quality inspector", "inspector_job", "51-9061.00", False),
        ("Welder", "welder_job", "51-4121.00", False),
        ("Machinist", "machinist_job", "51-4041.00", False),
        ("Industrial machinery mechanic", "mech_job", "49-9041.00", True),
    ],
}

IT = {
    "slug": "it-support-and-networking",
    "name": "IT Support and Networking",
    "sector": ("information-technology", "Information Technology", "5415",
               "Help desks, networks and computer systems in every industry."),
    "description": "From help desk to network administrator through stackable IT "
                   "certifications.",
    "services": ["coaching", "advising", "tutoring", "laptops", "aid"],
    "levels": ["Digital skills", "Help desk", "Networking", "Administration"],
    "steps": [
        {"key": "digital", "level": 1, "type": C.COURSE,
         "name": "Digital Skills and English for IT", "iet": True, "leads_to": ["aplus"],
         "program": {"provider": "adulted", "name": "Digital Skills and English for IT (IET)",
                     "cip": "11.1006", "weeks": 12, "cost": "0", "hours": 160,
                     "schedule": EVENING, "iet": True}},
        {"key": "hse", "level": 1, "type": C.CREDENTIAL, "name": "GED with IT basics",
         "credential": "ged", "iet": True, "leads_to": ["aplus"],
         "program": {"provider": "adulted", "name": "GED with IT Basics (IET)",
                     "cip": "11.1006", "weeks": 16, "cost": "0", "hours": 240,
                     "schedule": EVENING, "iet": True, "credential": "ged"}},
        {"key": "aplus", "level": 2, "type": C.CREDENTIAL, "name": "CompTIA A+",
         "credential": "aplus", "leads_to": ["support_job", "netplus", "itcert"],
         "program": {"provider": "college", "name": "IT Support Fundamentals (A+)",
                     "cip": "11.1006", "weeks": 12, "cost": "1600", "credits": "7",
                     "credential": "aplus", "modality": HYBRID}},
        {"key": "support_job", "level": 2, "type": C.JOB, "name": "Computer user support",
         "occupation": "15-1232.00"},
        {"key": "netplus", "level": 3, "type": C.CREDENTIAL, "name": "CompTIA Network+",
         "credential": "netplus", "leads_to": ["netsupport_job", "aas"],
         "program": {"provider": "college", "name": "Networking Essentials (Network+)",
                     "cip": "11.0901", "weeks": 16, "cost": "1900", "credits": "8",
                     "credential": "netplus", "modality": HYBRID},
         "conditions": [{"name": "A+ first", "targets": ["aplus"]}]},
        {"key": "secplus", "level": 3, "type": C.CREDENTIAL, "name": "CompTIA Security+",
         "credential": "secplus", "leads_to": ["aas"],
         "program": {"provider": "college", "name": "Security Fundamentals (Security+)",
                     "cip": "11.1003", "weeks": 16, "cost": "1900", "credits": "8",
                     "credential": "secplus", "modality": Program.Modality.ONLINE}},
        {"key": "itcert", "level": 3, "type": C.CREDENTIAL, "name": "IT support certificate",
         "credential": "it_cert", "leads_to": ["aas"],
         "program": {"provider": "college", "name": "IT Support Certificate",
                     "cip": "11.1006", "weeks": 32, "cost": "4300", "credits": "27",
                     "credential": "it_cert"}},
        {"key": "netsupport_job", "level": 3, "type": C.JOB, "name": "Network support specialist",
         "occupation": "15-1231.00"},
        {"key": "aas", "level": 4, "type": C.CREDENTIAL,
         "name": "Network administration degree", "credential": "aas_net",
         "leads_to": ["admin_job"],
         "program": {"provider": "college", "name": "Network Administration AAS",
                     "cip": "11.0901", "weeks": 64, "cost": "9800", "credits": "60",
                     "credential": "aas_net", "modality": HYBRID},
         "conditions": [{"name": "Two certifications, Network+ among them", "op": "And", "sub": [
             {"name": "Network+", "targets": ["netplus"]},
             {"name": "One more", "n": 1, "targets": ["secplus", "itcert"]},
         ]}]},
        {"key": "admin_job", "level": 4, "type": C.JOB, "name": "Network and systems administrator",
         "occupation": "15-1244.00"},
    ],
    "entries": [
        {"name": "English learners", "at": "digital", **ENGLISH,
         "description": "For adults learning English who like working with computers."},
        {"name": "Adult education", "at": "hse", **ADULT_ED,
         "description": "For adults finishing a GED."},
        {"name": "Direct entry", "at": "aplus", **DIRECT,
         "description": "For adults with a high school diploma or GED."},
    ],
    "exits": [
        ("Computer user support specialist", "support_job", "15-1232.00", False),
        ("Network support specialist", "netsupport_job", "15-1231.00", False),
        ("Network and computer systems administrator", "admin_job", "15-1244.00", True),
    ],
}

PATHWAYS = [HEALTHCARE, MANUFACTURING, IT]


def occupation_codes() -> list[str]:
    codes = set()
    for spec in PATHWAYS:
        codes.update(code for _name, _at, code, _dest in spec["exits"])
        codes.update(step["occupation"] for step in spec["steps"] if step.get("occupation"))
    return sorted(codes)


def cip_codes() -> list[str]:
    return sorted({step["program"]["cip"] for spec in PATHWAYS for step in spec["steps"]
                   if step.get("program", {}).get("cip")})
