//! Place names and labels for generated plans. No personal data: worker names are a first
//! name and an initial; families are case codes only.

/// Offices (units): name, latitude, longitude.
pub const OFFICES: [(&str, f64, f64); 4] = [
    ("Ensikoti, Rovaniemi keskusta", 66.5030, 25.7290),
    ("Perhepalvelut, Kemi", 65.7360, 24.5640),
    ("Perhepalvelut, Kemijärvi", 66.7130, 27.4310),
    ("Perhepalvelut, Tornio", 65.8480, 24.1470),
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
