//! Place names and labels for generated plans. No personal data: worker names are a first
//! name and an initial; families are case codes only.

/// Offices (units): name, latitude, longitude. A team of about forty workers per office, the
/// first in Rovaniemi, then the towns of Lapland and the north (town centres, rounded to
/// about 100 m), so a county of 600 workers has fifteen offices in fifteen towns. The first
/// four are those of every plan generated before issue 17: keep them first and unchanged, so
/// that a plan of up to 160 workers stays byte-identical for its seed.
pub const OFFICES: [(&str, f64, f64); 21] = [
    ("Ensikoti, Rovaniemi keskusta", 66.5030, 25.7290),
    ("Perhepalvelut, Kemi", 65.7360, 24.5640),
    ("Perhepalvelut, Kemijärvi", 66.7130, 27.4310),
    ("Perhepalvelut, Tornio", 65.8480, 24.1470),
    ("Perhepalvelut, Sodankylä", 67.4150, 26.5900),
    ("Perhepalvelut, Kittilä", 67.6530, 24.9100),
    ("Perhepalvelut, Ivalo (Inari)", 68.6580, 27.5400),
    ("Perhepalvelut, Kolari", 67.3300, 23.7900),
    ("Perhepalvelut, Muonio", 67.9570, 23.6800),
    ("Perhepalvelut, Pello", 66.7740, 23.9650),
    ("Perhepalvelut, Ylitornio", 66.3190, 23.6710),
    ("Perhepalvelut, Salla", 66.8330, 28.6680),
    ("Perhepalvelut, Posio", 66.1100, 28.1650),
    ("Perhepalvelut, Ranua", 65.9270, 26.5180),
    ("Perhepalvelut, Tervola", 66.0850, 24.8100),
    ("Perhepalvelut, Simo", 65.6600, 25.0630),
    ("Perhepalvelut, Keminmaa", 65.8020, 24.5440),
    ("Perhepalvelut, Hetta (Enontekiö)", 68.3840, 23.6290),
    ("Perhepalvelut, Utsjoki", 69.9080, 27.0270),
    ("Perhepalvelut, Savukoski", 67.2920, 28.1630),
    ("Perhepalvelut, Pelkosenniemi", 67.1110, 27.5110),
];

pub const DISTRICTS: [&str; 14] = [
    "Keskusta",
    "Ounasrinne",
    "Korkalovaara",
    "Nivavaara",
    "Ylikylä",
    "Saarenkylä",
    "Ounasvaara",
    "Rantavitikka",
    "Alakorkalo",
    "Pöykkölä",
    "Mäntyvaara",
    "Viirinkangas",
    "Napapiiri",
    "Koskenkylä",
];

pub const VILLAGES: [&str; 12] = [
    "Muurola",
    "Sinettä",
    "Meltaus",
    "Vikajärvi",
    "Misi",
    "Oikarainen",
    "Jaatila",
    "Hirvas",
    "Tapionkylä",
    "Sonka",
    "Lohiniva",
    "Narkaus",
];

pub const FIRST_NAMES: [&str; 20] = [
    "Anna", "Mikko", "Sanna", "Juha", "Laura", "Timo", "Hanna", "Jari", "Riikka", "Pekka", "Elina",
    "Ville", "Kaisa", "Antti", "Minna", "Tuomas", "Johanna", "Sami", "Noora", "Aino",
];

/// Meeting rooms of each office: name and availability pattern (empty = always).
pub const ROOMS: [(&str, &str); 3] = [
    ("Tapaamishuone 1", "Mon-Fri 08:00-20:00|Sat 09:00-17:00"),
    ("Tapaamishuone 2", "Mon-Fri 08:00-20:00|Sat-Sun 09:00-17:00"),
    ("Perhehuone", ""),
];

/// Initials for generated worker names.
pub const INITIALS: [char; 12] = ['A', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V'];
