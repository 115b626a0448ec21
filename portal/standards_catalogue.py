"""The standards catalogue the portal starts with, and the clause outline of ISO 9001:2015
(numbers and titles only; the ISO text is not reproduced); administrators extend it
afterwards. Migration 0004 inserts its own frozen copy (a revision never reads application
code), so editing this list changes no installation: a change of the reference data every
installation has is a new revision."""

from __future__ import annotations

STANDARDS = [
    ("iso_9001", "ISO 9001:2015", "Systèmes de management de la qualité", "أنظمة تدبير الجودة"),
    (
        "iatf_16949",
        "IATF 16949:2016",
        "Système de management de la qualité automobile",
        "نظام تدبير الجودة في قطاع السيارات",
    ),
    (
        "iso_14001",
        "ISO 14001:2015",
        "Systèmes de management environnemental",
        "أنظمة التدبير البيئي",
    ),
    (
        "iso_45001",
        "ISO 45001:2018",
        "Systèmes de management de la santé et de la sécurité au travail",
        "أنظمة تدبير الصحة والسلامة المهنية",
    ),
    (
        "iso_iec_17025",
        "ISO/IEC 17025:2017",
        "Compétence des laboratoires d'étalonnages et d'essais",
        "كفاءة مختبرات المعايرة والتجارب",
    ),
    (
        "iso_22000",
        "ISO 22000:2018",
        "Systèmes de management de la sécurité des denrées alimentaires",
        "أنظمة تدبير سلامة المواد الغذائية",
    ),
]

# (number, English, French, Arabic)
ISO_9001_CLAUSES = [
    ("4", "Context of the organization", "Contexte de l'organisme", "سياق المؤسسة"),
    (
        "4.1",
        "Understanding the organization and its context",
        "Compréhension de l'organisme et de son contexte",
        "فهم المؤسسة وسياقها",
    ),
    (
        "4.2",
        "Understanding the needs and expectations of interested parties",
        "Compréhension des besoins et des attentes des parties intéressées",
        "فهم احتياجات وتوقعات الأطراف المعنية",
    ),
    (
        "4.3",
        "Determining the scope of the quality management system",
        "Détermination du domaine d'application du système de management de la qualité",
        "تحديد نطاق نظام تدبير الجودة",
    ),
    (
        "4.4",
        "Quality management system and its processes",
        "Système de management de la qualité et ses processus",
        "نظام تدبير الجودة وعملياته",
    ),
    ("5", "Leadership", "Leadership", "القيادة"),
    ("5.1", "Leadership and commitment", "Leadership et engagement", "القيادة والالتزام"),
    ("5.2", "Policy", "Politique", "السياسة"),
    (
        "5.3",
        "Organizational roles, responsibilities and authorities",
        "Rôles, responsabilités et autorités au sein de l'organisme",
        "الأدوار والمسؤوليات والصلاحيات داخل المؤسسة",
    ),
    ("6", "Planning", "Planification", "التخطيط"),
    (
        "6.1",
        "Actions to address risks and opportunities",
        "Actions à mettre en œuvre face aux risques et opportunités",
        "الإجراءات المتخذة لمعالجة المخاطر والفرص",
    ),
    (
        "6.2",
        "Quality objectives and planning to achieve them",
        "Objectifs qualité et planification des actions pour les atteindre",
        "أهداف الجودة والتخطيط لتحقيقها",
    ),
    ("6.3", "Planning of changes", "Planification des modifications", "التخطيط للتغييرات"),
    ("7", "Support", "Support", "الدعم"),
    ("7.1", "Resources", "Ressources", "الموارد"),
    ("7.2", "Competence", "Compétences", "الكفاءة"),
    ("7.3", "Awareness", "Sensibilisation", "التوعية"),
    ("7.4", "Communication", "Communication", "التواصل"),
    ("7.5", "Documented information", "Informations documentées", "المعلومات الموثقة"),
    ("8", "Operation", "Réalisation des activités opérationnelles", "التشغيل"),
    (
        "8.1",
        "Operational planning and control",
        "Planification et maîtrise opérationnelles",
        "التخطيط والتحكم التشغيلي",
    ),
    (
        "8.2",
        "Requirements for products and services",
        "Exigences relatives aux produits et services",
        "متطلبات المنتجات والخدمات",
    ),
    (
        "8.3",
        "Design and development of products and services",
        "Conception et développement de produits et services",
        "تصميم وتطوير المنتجات والخدمات",
    ),
    (
        "8.4",
        "Control of externally provided processes, products and services",
        "Maîtrise des processus, produits et services fournis par des prestataires externes",
        "التحكم في العمليات والمنتجات والخدمات المقدمة من جهات خارجية",
    ),
    (
        "8.5",
        "Production and service provision",
        "Production et prestation de service",
        "الإنتاج وتقديم الخدمة",
    ),
    (
        "8.6",
        "Release of products and services",
        "Libération des produits et services",
        "الإفراج عن المنتجات والخدمات",
    ),
    (
        "8.7",
        "Control of nonconforming outputs",
        "Maîtrise des éléments de sortie non conformes",
        "التحكم في المخرجات غير المطابقة",
    ),
    ("9", "Performance evaluation", "Évaluation des performances", "تقييم الأداء"),
    (
        "9.1",
        "Monitoring, measurement, analysis and evaluation",
        "Surveillance, mesure, analyse et évaluation",
        "الرصد والقياس والتحليل والتقييم",
    ),
    ("9.2", "Internal audit", "Audit interne", "التدقيق الداخلي"),
    ("9.3", "Management review", "Revue de direction", "مراجعة الإدارة"),
    ("10", "Improvement", "Amélioration", "التحسين"),
    ("10.1", "General", "Généralités", "عموميات"),
    (
        "10.2",
        "Nonconformity and corrective action",
        "Non-conformité et action corrective",
        "عدم المطابقة والإجراء التصحيحي",
    ),
    ("10.3", "Continual improvement", "Amélioration continue", "التحسين المستمر"),
]
