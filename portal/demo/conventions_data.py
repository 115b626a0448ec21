"""The two conventions signed at the 23rd Semaine nationale de la qualité (22 November 2023):
the ministry with AMICA for an automotive ecosystem of quality professionals, and with FCP
for a chemistry and parachemistry quality ecosystem. Their stated aims are the commitments;
milestones, indicators, measurements and budgets are plausible demonstration values.

A milestone is (title fr, title ar, due date, days done after the due date or None when it is
not done, evidence note). AMICA's diagnostic campaign was done 18 days late, and AMICA's aim
on training needs was due at the end of 2025 and is not started: it shows as late."""

from __future__ import annotations

SIGNED_ON = "2023-11-22"

AIMS = [
    (
        "Promouvoir la fonction qualité dans les entreprises du secteur",
        "النهوض بوظيفة الجودة داخل مقاولات القطاع",
    ),
    (
        "Organiser l'échange d'expériences entre les experts qualité (qualiticiens)",
        "تنظيم تبادل التجارب بين خبراء الجودة",
    ),
    (
        "Accompagner les PME dans la mise en place de systèmes de management de la qualité",
        "مواكبة المقاولات الصغرى والمتوسطة في إرساء أنظمة تدبير الجودة",
    ),
    (
        "Porter les besoins en formation du secteur auprès des instituts et des écoles",
        "نقل حاجيات القطاع من التكوين إلى المعاهد والمدارس",
    ),
    (
        "Porter les besoins en essais, certification, normalisation, accréditation et "
        "métrologie auprès des centres techniques et de recherche",
        "نقل الحاجيات في مجالات التجارب والإشهاد والتقييس والاعتماد والمترولوجيا إلى "
        "المراكز التقنية ومراكز البحث",
    ),
]

# (description fr, description ar, due date or None for the end, done on or None)
MINISTRY_COMMITMENTS = [
    (
        "Coordonner le comité de pilotage et mobiliser les programmes d'appui existants",
        "تنسيق لجنة القيادة وتعبئة برامج الدعم القائمة",
        "2024-01-31",
        "2024-01-25",
    ),
    (
        "Mettre à disposition le portail et les données de suivi de l'écosystème",
        "وضع البوابة ومعطيات تتبع المنظومة رهن الإشارة",
        None,
        None,
    ),
]

# The aim (by its index in AIMS) a federation has let slip: due earlier, not started.
LATE_AIM = {"amica": (3, "2025-12-31")}
EVIDENCE_INSTALLATION = "Procès-verbal de la réunion d'installation du comité"

CONVENTIONS = [
    {
        "reference": "MIC-AMICA-2023-01",
        "federation": "amica",
        "ecosystem": "automobile",
        "title_fr": "Convention de partenariat pour un écosystème automobile des professionnels "
        "de la qualité",
        "title_ar": "اتفاقية شراكة من أجل منظومة لمهنيي الجودة في قطاع صناعة السيارات",
        "summary_fr": "Signée lors de la 23e Semaine nationale de la qualité, la convention "
        "engage le ministère et l'AMICA à structurer un réseau de professionnels de la qualité "
        "au service des PME de l'automobile.",
        "summary_ar": "وُقّعت هذه الاتفاقية خلال الدورة الثالثة والعشرين للأسبوع الوطني للجودة، "
        "وتلزم الوزارة والجمعية بهيكلة شبكة لمهنيي الجودة في خدمة المقاولات الصغرى والمتوسطة "
        "لقطاع السيارات.",
        "ends_on": "2026-12-31",
        "budget": "3000000",
        "federation_title_fr": "Président de l'AMICA",
        "federation_title_ar": "رئيس الجمعية المغربية لصناعة وتركيب السيارات",
        "milestones": [
            (
                "Installation du comité de pilotage",
                "تنصيب لجنة القيادة",
                "2024-01-31",
                -6,
                EVIDENCE_INSTALLATION,
            ),
            (
                "Lancement du réseau des qualiticiens",
                "إطلاق شبكة خبراء الجودة",
                "2024-06-30",
                -6,
                "",
            ),
            (
                "Campagne de diagnostics qualité de 20 PME",
                "حملة تشخيص الجودة لعشرين مقاولة",
                "2025-06-30",
                18,
                "Rapport de synthèse de la campagne : 20 fiches de diagnostic validées",
            ),
            (
                "Plan de formation remis aux instituts",
                "تسليم مخطط التكوين إلى المعاهد",
                "2025-12-31",
                None,
                "",
            ),
            ("Revue à mi-parcours", "مراجعة منتصف المدة", "2025-11-30", -6, ""),
            ("Rapport final", "التقرير النهائي", "2026-12-31", None, ""),
        ],
        "indicators": [
            (
                "PME accompagnées vers la certification",
                "مقاولات مواكَبة نحو الإشهاد",
                "PME",
                "مقاولة",
                "0",
                "40",
                [("2024-06-30", "6"), ("2025-06-30", "18"), ("2026-06-30", "27")],
            ),
            (
                "Qualiticiens membres du réseau",
                "خبراء الجودة الأعضاء في الشبكة",
                "personnes",
                "شخص",
                "15",
                "60",
                [("2024-06-30", "30"), ("2025-06-30", "45"), ("2026-06-30", "52")],
            ),
        ],
    },
    {
        "reference": "MIC-FCP-2023-02",
        "federation": "fcp",
        "ecosystem": "chimie-parachimie",
        "title_fr": "Convention de partenariat pour un écosystème qualité de la chimie et de la "
        "parachimie",
        "title_ar": "اتفاقية شراكة من أجل منظومة للجودة في قطاع الكيمياء وشبه الكيمياء",
        "summary_fr": "Signée le même jour, la convention engage le ministère et la FCP à "
        "diffuser la culture qualité dans la chimie et la parachimie et à rapprocher les PME "
        "de l'infrastructure qualité.",
        "summary_ar": "وُقّعت في اليوم نفسه، وتلزم الوزارة والفيدرالية بنشر ثقافة الجودة في قطاع "
        "الكيمياء وشبه الكيمياء وتقريب المقاولات من البنية التحتية للجودة.",
        "ends_on": "2026-12-31",
        "budget": "2500000",
        "federation_title_fr": "Président de la FCP",
        "federation_title_ar": "رئيس فيدرالية الكيمياء وشبه الكيمياء",
        "milestones": [
            (
                "Installation du comité de pilotage",
                "تنصيب لجنة القيادة",
                "2024-02-29",
                -6,
                EVIDENCE_INSTALLATION,
            ),
            (
                "Cartographie des besoins en essais et métrologie",
                "خريطة الحاجيات في مجال التجارب والمترولوجيا",
                "2024-09-30",
                -6,
                "",
            ),
            (
                "Journées d'échange entre qualiticiens",
                "أيام تبادل بين خبراء الجودة",
                "2025-05-31",
                -6,
                "",
            ),
            (
                "Programme REACH et étiquetage SGH pour 15 PME",
                "برنامج REACH ووسم GHS لفائدة خمس عشرة مقاولة",
                "2026-03-31",
                -6,
                "",
            ),
            ("Rapport final", "التقرير النهائي", "2026-12-31", None, ""),
        ],
        "indicators": [
            (
                "PME accompagnées vers la certification",
                "مقاولات مواكَبة نحو الإشهاد",
                "PME",
                "مقاولة",
                "0",
                "30",
                [("2024-06-30", "5"), ("2025-06-30", "14"), ("2026-06-30", "24")],
            ),
            (
                "Personnes formées aux métiers de la qualité",
                "أشخاص مكوَّنون في مهن الجودة",
                "personnes",
                "شخص",
                "0",
                "300",
                [("2024-12-31", "80"), ("2025-12-31", "190"), ("2026-06-30", "250")],
            ),
        ],
    },
]
