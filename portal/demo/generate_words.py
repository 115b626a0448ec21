"""Word lists of the national-scale generator (``flask demo generate``): French and Arabic
pieces from which plausible company, institute and body names, activities and places are
built. Each entry is (French, Arabic)."""

from __future__ import annotations

# Region code -> its main cities (French, Arabic), and how many companies it has (weight).
CITIES: dict[str, list[tuple[str, str]]] = {
    "MA-01": [
        ("Tanger", "طنجة"),
        ("Tétouan", "تطوان"),
        ("Al Hoceïma", "الحسيمة"),
        ("Larache", "العرائش"),
    ],
    "MA-02": [("Oujda", "وجدة"), ("Nador", "الناظور"), ("Berkane", "بركان")],
    "MA-03": [("Fès", "فاس"), ("Meknès", "مكناس"), ("Taza", "تازة")],
    "MA-04": [("Rabat", "الرباط"), ("Salé", "سلا"), ("Kénitra", "القنيطرة"), ("Témara", "تمارة")],
    "MA-05": [("Béni Mellal", "بني ملال"), ("Khouribga", "خريبكة"), ("Khénifra", "خنيفرة")],
    "MA-06": [
        ("Casablanca", "الدار البيضاء"),
        ("Mohammédia", "المحمدية"),
        ("Settat", "سطات"),
        ("El Jadida", "الجديدة"),
        ("Berrechid", "برشيد"),
    ],
    "MA-07": [("Marrakech", "مراكش"), ("Safi", "آسفي"), ("Essaouira", "الصويرة")],
    "MA-08": [("Errachidia", "الرشيدية"), ("Ouarzazate", "ورزازات")],
    "MA-09": [("Agadir", "أكادير"), ("Taroudant", "تارودانت")],
    "MA-10": [("Guelmim", "كلميم"), ("Tan-Tan", "طانطان")],
    "MA-11": [("Laâyoune", "العيون"), ("Boujdour", "بوجدور")],
    "MA-12": [("Dakhla", "الداخلة")],
}
REGION_WEIGHTS = {
    "MA-01": 15,
    "MA-02": 5,
    "MA-03": 8,
    "MA-04": 12,
    "MA-05": 4,
    "MA-06": 35,
    "MA-07": 7,
    "MA-08": 2,
    "MA-09": 6,
    "MA-10": 2,
    "MA-11": 2,
    "MA-12": 2,
}

ROOTS = [
    ("Atlas", "أطلس"),
    ("Nour", "نور"),
    ("Sahara", "الصحراء"),
    ("Amal", "أمل"),
    ("Rif", "الريف"),
    ("Zitoun", "الزيتون"),
    ("Anfa", "أنفا"),
    ("Majorelle", "ماجوريل"),
    ("Oasis", "الواحة"),
    ("Argane", "أركان"),
    ("Toubkal", "توبقال"),
    ("Sebou", "سبو"),
    ("Bouregreg", "أبي رقراق"),
    ("Menara", "المنارة"),
    ("Chellah", "شالة"),
    ("Tafilalet", "تافيلالت"),
    ("Souss", "سوس"),
    ("Draa", "درعة"),
    ("Ifrane", "إفران"),
    ("Moulouya", "ملوية"),
    ("Yasmine", "ياسمين"),
    ("Salam", "سلام"),
    ("Najm", "نجم"),
    ("Hilal", "هلال"),
    ("Fajr", "فجر"),
    ("Baraka", "بركة"),
    ("Oumnia", "أمنية"),
    ("Ittihad", "الاتحاد"),
    ("Wifak", "الوفاق"),
    ("Rawaj", "رواج"),
]

FAMILIES = [
    ("Benali", "بنعلي"),
    ("El Idrissi", "الإدريسي"),
    ("Bennani", "بناني"),
    ("Alaoui", "العلوي"),
    ("Tazi", "التازي"),
    ("Berrada", "برادة"),
    ("Fassi", "الفاسي"),
    ("Chraibi", "الشرايبي"),
    ("Lahlou", "لحلو"),
    ("Kettani", "الكتاني"),
    ("Benjelloun", "بنجلون"),
    ("Sqalli", "السقلي"),
    ("Guessous", "كسوس"),
    ("Amrani", "العمراني"),
    ("Ouazzani", "الوزاني"),
    ("Zniber", "زنيبر"),
    ("Bouzid", "بوزيد"),
    ("Naciri", "الناصري"),
    ("Filali", "الفيلالي"),
    ("Haddad", "الحداد"),
    ("Sebti", "السبتي"),
    ("Lamrani", "لمراني"),
    ("Cherkaoui", "الشرقاوي"),
    ("Mansouri", "المنصوري"),
]

# (short French, short Arabic, activity French, activity Arabic), per ecosystem slug.
ACTIVITIES = {
    "automobile": [
        (
            "Câblage",
            "للكابلات",
            "Câblage et faisceaux électriques automobiles",
            "الكابلات والحزم الكهربائية للسيارات",
        ),
        (
            "Emboutissage",
            "للختم المعدني",
            "Emboutissage et découpe de tôles",
            "ختم وقطع الصفائح المعدنية",
        ),
        (
            "Plasturgie",
            "للبلاستيك",
            "Injection plastique de pièces automobiles",
            "حقن البلاستيك لقطع السيارات",
        ),
        (
            "Mécanique",
            "للميكانيك",
            "Usinage et mécanique de précision",
            "التشغيل والميكانيك الدقيقة",
        ),
        ("Sièges", "للمقاعد", "Sièges et garnitures intérieures", "المقاعد والتجهيزات الداخلية"),
        (
            "Textile Auto",
            "للنسيج التقني",
            "Textiles techniques pour l'automobile",
            "النسيج التقني للسيارات",
        ),
        ("Fonderie", "للسباكة", "Fonderie d'aluminium", "سباكة الألمنيوم"),
        (
            "Surfaces",
            "لمعالجة الأسطح",
            "Traitement de surface et peinture",
            "معالجة الأسطح والطلاء",
        ),
        ("Électronique", "للإلكترونيات", "Électronique embarquée", "الإلكترونيات المدمجة"),
        ("Caoutchouc", "للمطاط", "Joints et pièces en caoutchouc", "الحشوات وقطع المطاط"),
    ],
    "chimie-parachimie": [
        ("Peintures", "للدهانات", "Fabrication de peintures et vernis", "صناعة الدهانات والورنيش"),
        ("Détergents", "للمنظفات", "Détergents et produits d'entretien", "المنظفات ومواد التنظيف"),
        ("Engrais", "للأسمدة", "Engrais et amendements", "الأسمدة ومحسنات التربة"),
        ("Cosmétiques", "لمستحضرات التجميل", "Cosmétiques et hygiène", "مستحضرات التجميل والنظافة"),
        ("Emballages", "للتغليف", "Emballages plastiques", "التغليف البلاستيكي"),
        ("Résines", "للراتنجات", "Résines et adhésifs", "الراتنجات والمواد اللاصقة"),
        ("Lubrifiants", "لزيوت التشحيم", "Lubrifiants industriels", "زيوت التشحيم الصناعية"),
        ("Pharma", "للأدوية", "Principes actifs pharmaceutiques", "المواد الفعالة الصيدلانية"),
        ("Gaz", "للغازات الصناعية", "Gaz industriels", "الغازات الصناعية"),
        (
            "Chimie Fine",
            "للكيمياء الدقيقة",
            "Chimie fine et spécialités",
            "الكيمياء الدقيقة والتخصصات",
        ),
    ],
}

STREETS = [
    ("Zone industrielle", "المنطقة الصناعية"),
    ("Parc d'activités", "منطقة الأنشطة"),
    ("Boulevard Mohammed V", "شارع محمد الخامس"),
    ("Route de l'aéroport", "طريق المطار"),
    ("Quartier industriel", "الحي الصناعي"),
    ("Zone franche", "المنطقة الحرة"),
]

# Institute type -> (French pattern, Arabic pattern); {root} and {city} are filled in.
INSTITUTE_NAMES = {
    "public_institute": (
        "Institut de Formation aux Métiers {root} de {city}",
        "معهد التكوين في مهن {root} {city}",
    ),
    "vocational_school": (
        "Centre de Formation Professionnelle {root} {city}",
        "مركز التكوين المهني {root} {city}",
    ),
    "engineering_school": ("École d'Ingénieurs {root} de {city}", "مدرسة المهندسين {root} {city}"),
    "university": ("Université {root} de {city}", "جامعة {root} {city}"),
    "private_centre": ("Centre Qualité {root} Formation", "مركز {root} للتكوين في الجودة"),
}
INSTITUTE_DOMAINS = [
    ("Qualité, audit interne, core tools", "الجودة، التدقيق الداخلي، الأدوات الأساسية"),
    ("Métrologie, contrôle, essais", "القياسة، المراقبة، التجارب"),
    ("Sécurité chimique, environnement", "السلامة الكيميائية، البيئة"),
    ("Lean, résolution de problèmes", "الإنتاج الرشيق، حل المشكلات"),
    ("Santé et sécurité au travail", "الصحة والسلامة المهنية"),
]

# Infrastructure type -> (French pattern, Arabic pattern).
BODY_NAMES = {
    "testing_lab": ("Laboratoire d'Essais {root}", "مختبر {root} للتجارب"),
    "calibration_lab": ("Laboratoire de Métrologie {root}", "مختبر {root} للقياسة"),
    "inspection_body": ("{root} Inspection et Contrôle", "{root} للتفتيش والمراقبة"),
    "certification_body": ("{root} Certification", "{root} للإشهاد"),
    "standardization_body": ("Comité de Normalisation {root}", "لجنة التقييس {root}"),
    "accreditation_body": ("Organisme d'Accréditation {root}", "هيئة الاعتماد {root}"),
}

FUNDING = [
    "Programme Imtiaz-Qualité",
    "Tatwir Croissance Verte",
    "Fonds de mise à niveau qualité",
    "Programme Istitmar Qualité",
]

MOTIVATIONS = [
    "Exigence de nos donneurs d'ordre",
    "Accès aux marchés européens",
    "Appel d'offres exigeant la certification",
    "Amélioration continue et réduction des rebuts",
]

CLOSING_REASONS = [
    "L'entreprise reporte son projet",
    "L'entreprise a poursuivi avec son propre consultant",
    "Cessation d'activité",
    "Changement de priorités de la direction",
]

DECISION_REASONS = {
    "rejected": "Activité hors du périmètre de l'écosystème",
    "suspended": "Cotisation annuelle non réglée",
    "left": "Départ à la demande de l'entreprise",
}

DECLINE_REASONS = [
    "Formation déjà suivie en 2025",
    "Effectif insuffisant pour ouvrir une session",
    "Thème hors du catalogue de l'écosystème",
]

CERTIFICATE_REASONS = {
    "suspended": "Audit de surveillance non réalisé dans les délais",
    "withdrawn": "Non-conformité majeure non levée",
}

CONVENTION_TITLES = [
    (
        "Convention de mise à niveau qualité des entreprises de {activity} — {region}",
        "اتفاقية التأهيل في مجال الجودة لمقاولات {activity_ar} — {region_ar}",
    ),
    (
        "Programme régional de certification, {activity} — {region}",
        "البرنامج الجهوي للإشهاد، {activity_ar} — {region_ar}",
    ),
    (
        "Partenariat formation et qualité, {activity} — {region}",
        "شراكة التكوين والجودة، {activity_ar} — {region_ar}",
    ),
]

MILESTONES = [
    ("Lancement du comité de pilotage", "إطلاق لجنة القيادة"),
    ("Diagnostic des entreprises participantes", "تشخيص المقاولات المشاركة"),
    ("Premières certifications obtenues", "الحصول على أولى الشهادات"),
    ("Bilan à mi-parcours", "حصيلة منتصف المدة"),
    ("Rapport final", "التقرير النهائي"),
]

COMMITMENTS = [
    ("Mobiliser les entreprises membres", "تعبئة المقاولات الأعضاء"),
    ("Financer les diagnostics", "تمويل التشخيصات"),
    ("Organiser les sessions de formation", "تنظيم دورات التكوين"),
    ("Publier un rapport semestriel", "نشر تقرير نصف سنوي"),
]

INDICATORS = [
    ("Entreprises certifiées", "المقاولات الحاصلة على الإشهاد", "entreprises", "مقاولات"),
    ("Personnes formées", "الأشخاص المكونون", "personnes", "أشخاص"),
    ("Diagnostics réalisés", "التشخيصات المنجزة", "diagnostics", "تشخيصات"),
]

# Complaints and suggestions: by category, (subject, text) in French and in Arabic.
COMPLAINTS = {
    "service_quality": [
        (
            "Rapport incomplet",
            "Le rapport reçu ne mentionne pas la méthode appliquée.",
            "تقرير ناقص",
            "التقرير المتوصل به لا يذكر الطريقة المعتمدة.",
        ),
        (
            "Prestation non conforme à l'offre",
            "La prestation livrée ne correspond pas au devis accepté.",
            "خدمة غير مطابقة للعرض",
            "الخدمة المقدمة لا تطابق العرض المقبول.",
        ),
    ],
    "delay": [
        (
            "Session reportée sans prévenir",
            "La session a été reportée le matin même, sans message aux participants.",
            "تأجيل الدورة دون إشعار",
            "تم تأجيل الدورة في نفس الصباح دون إخبار المشاركين.",
        ),
        (
            "Aucune réponse à notre demande",
            "Notre demande attend une réponse depuis plus de trois semaines.",
            "لا جواب على طلبنا",
            "ينتظر طلبنا جوابا منذ أكثر من ثلاثة أسابيع.",
        ),
    ],
    "information": [
        (
            "Publier le calendrier des audits",
            "Il serait utile de connaître les dates trois mois à l'avance.",
            "نشر جدول الافتحاصات",
            "من المفيد معرفة المواعيد قبل ثلاثة أشهر.",
        ),
        (
            "Documents introuvables",
            "Les documents annoncés ne sont pas disponibles sur le portail.",
            "وثائق غير متوفرة",
            "الوثائق المعلن عنها غير متوفرة على البوابة.",
        ),
    ],
    "reception": [
        (
            "Accueil téléphonique",
            "Personne ne répond au numéro indiqué aux heures d'ouverture.",
            "الاستقبال الهاتفي",
            "لا أحد يجيب على الرقم المشار إليه خلال ساعات العمل.",
        ),
    ],
    "cost": [
        (
            "Tarif plus élevé que prévu",
            "La facture dépasse le montant du devis sans explication.",
            "ثمن أعلى من المتوقع",
            "تتجاوز الفاتورة مبلغ العرض دون تفسير.",
        ),
    ],
    "other": [
        (
            "Ouvrir les formations aux techniciens",
            "Les formations pourraient être ouvertes aux techniciens des petites entreprises.",
            "فتح التكوينات في وجه التقنيين",
            "يمكن فتح التكوينات في وجه تقنيي المقاولات الصغيرة.",
        ),
    ],
}

COMPLAINT_ANSWERS = [
    (
        "Nous avons pris note de votre message ; voici les mesures prises.",
        "أخذنا علما برسالتكم؛ وهذه هي الإجراءات المتخذة.",
    ),
    (
        "Merci pour votre suggestion, elle sera étudiée au prochain comité.",
        "شكرا على اقتراحكم، ستتم دراسته في اللجنة المقبلة.",
    ),
    (
        "Le document demandé vous a été envoyé par e-mail.",
        "تم إرسال الوثيقة المطلوبة إليكم عبر البريد الإلكتروني.",
    ),
]

FIRST_NAMES = [
    ("Samira", "سميرة"),
    ("Youssef", "يوسف"),
    ("Khadija", "خديجة"),
    ("Mehdi", "المهدي"),
    ("Fatima Zahra", "فاطمة الزهراء"),
    ("Omar", "عمر"),
    ("Salma", "سلمى"),
    ("Hamza", "حمزة"),
]

# Free-text answers to the satisfaction surveys, (French, Arabic), by occasion.
SURVEY_COMMENTS = {
    "training_session": [
        ("Formateur disponible et exemples concrets.", "مكون متاح وأمثلة ملموسة."),
        ("Prévoir plus d'exercices pratiques.", "ينبغي توفير المزيد من التمارين التطبيقية."),
        ("La salle était trop petite pour le groupe.", "القاعة كانت صغيرة بالنسبة للمجموعة."),
        ("Support de cours à envoyer avant la session.", "يستحسن إرسال الدعامة قبل الدورة."),
        ("Très utile pour préparer notre audit.", "مفيد جدا للتحضير لافتحاصنا."),
    ],
    "annual": [
        ("Plus de sessions dans notre région.", "المزيد من الدورات في جهتنا."),
        ("Des délais de réponse plus courts.", "آجال جواب أقصر."),
        ("Un accompagnement mieux adapté aux TPE.", "مواكبة أكثر ملاءمة للمقاولات الصغيرة جدا."),
        ("Informer plus tôt des appels à projets.", "الإعلان المبكر عن طلبات المشاريع."),
        ("Satisfaits de l'écoute de la fédération.", "راضون عن إنصات الجامعة."),
    ],
}
