"""The training topics the portal starts with, asked for by the automotive and chemistry
sectors; administrators and federation staff extend it. Migration 0005 inserts its own
frozen copy (a revision never reads application code), so editing this list changes no
installation: a change of the reference data every installation has is a new revision."""

from __future__ import annotations

# (code, French, Arabic)
TOPICS = [
    ("iso_9001_requirements", "Exigences de la norme ISO 9001", "متطلبات المواصفة ISO 9001"),
    ("internal_auditor", "Auditeur interne qualité", "مدقق داخلي للجودة"),
    (
        "apqp",
        "APQP : planification avancée de la qualité produit",
        "APQP: التخطيط المتقدم لجودة المنتج",
    ),
    (
        "ppap",
        "PPAP : processus d'approbation des pièces de production",
        "PPAP: مسطرة المصادقة على قطع الإنتاج",
    ),
    ("fmea", "AMDEC (FMEA) processus et produit", "تحليل أنماط الأعطال وآثارها (FMEA)"),
    ("msa", "MSA : analyse des systèmes de mesure", "MSA: تحليل أنظمة القياس"),
    ("spc", "MSP (SPC) : maîtrise statistique des procédés", "SPC: الضبط الإحصائي للعمليات"),
    ("problem_solving_8d", "Résolution de problèmes 8D", "حل المشكلات بمنهجية 8D"),
    ("lean", "Lean manufacturing", "الإنتاج الرشيق"),
    (
        "metrology_basics",
        "Bases de la métrologie et de l'étalonnage",
        "أساسيات المترولوجيا والمعايرة",
    ),
    ("iso_14001", "Management environnemental ISO 14001", "التدبير البيئي ISO 14001"),
    ("iso_45001", "Santé et sécurité au travail ISO 45001", "الصحة والسلامة المهنية ISO 45001"),
    (
        "chemical_risk_ghs_reach",
        "Risque chimique, étiquetage SGH et REACH",
        "المخاطر الكيميائية ووسم GHS ولائحة REACH",
    ),
    ("iso_iec_17025", "ISO/IEC 17025 pour les laboratoires", "ISO/IEC 17025 للمختبرات"),
]
