//! A hand-made week of one worker whose plan is forced minute by minute (issue 26, items 6 and
//! 9): an agreed appointment with F1 on Tuesday 10:00-12:00, and one visit each to F2 (its only
//! window Wednesday 09:00-10:00) and F3 (Thursday 09:00-10:00); travel is 20 minutes each way
//! (travel.csv), no remote work. [`AGREED_ROSTER`] is its roster, exactly.

use super::plan_of;

pub const LOCATIONS: &str = "\
id,name,lat,lon
U1,Office,66.5030,25.7290
L1,Home 1,66.5100,25.7000
L2,Home 2,66.4800,25.7500
L3,Home 3,66.5300,25.6500
";

pub const TRAVEL: &str = "\
from,to,minutes
U1,L1,20
U1,L2,20
U1,L3,20
";

pub const WORKERS: &str = "\
id,name,contract_hours,available,base
W1,Anna K.,38.25,Mon-Fri 08:00-16:00,U1
";

pub const FAMILIES: &str = "\
id,service,weekly_hours,location,available,min_visits,max_visits,visit_minutes,remote_max_share
F1,family_work,2,L1,,1,1,120-120,0
F2,family_work,1,L2,Wed 09:00-10:00,1,1,60-60,0
F3,family_work,1,L3,Thu 09:00-10:00,1,1,60-60,0
";

pub const APPOINTMENTS: &str = "\
family_id,date,start,end,kind,worker_id,partner_worker_id,lock
F1,2026-12-01,10:00,12:00,home_visit,W1,,fixed
";

/// The week's roster as `plan` writes it.
pub const AGREED_ROSTER: &str = "\
date,start,end,worker_id,kind,family_id,meeting_id,partner_worker_id,room_id,location_id,source
2026-12-01,09:40,10:00,W1,travel,,,,,L1,
2026-12-01,10:00,12:00,W1,home_visit,F1,,,,L1,appointment
2026-12-01,12:00,12:20,W1,travel,,,,,U1,
2026-12-02,08:40,09:00,W1,travel,,,,,L2,
2026-12-02,09:00,10:00,W1,home_visit,F2,,,,L2,
2026-12-02,10:00,10:20,W1,travel,,,,,U1,
2026-12-03,08:40,09:00,W1,travel,,,,,L3,
2026-12-03,09:00,10:00,W1,home_visit,F3,,,,L3,
2026-12-03,10:00,10:20,W1,travel,,,,,U1,
";

/// The plan folder (`plan.toml` with only the week).
pub fn agreed_week() -> tempfile::TempDir {
    plan_of(&[
        ("plan.toml", super::PLAN_TOML),
        ("locations.csv", LOCATIONS),
        ("travel.csv", TRAVEL),
        ("workers.csv", WORKERS),
        ("families.csv", FAMILIES),
        ("appointments.csv", APPOINTMENTS),
    ])
}

/// The news of Tuesday 11:00 (the moment of [`SICK_MOMENT`]): F2 can only be seen at 13:00 on
/// Wednesday now, and W1 is off on Thursday (F3's visit cannot happen).
pub fn tuesday_news(dir: &std::path::Path) {
    super::replace(dir, "families.csv", "Wed 09:00-10:00", "Wed 13:00-14:00");
    std::fs::write(
        dir.join("availability.csv"),
        "worker_id,date,start,end,kind\nW1,2026-12-03,,,absent\n",
    )
    .unwrap();
}

/// The moment of the replan after [`tuesday_news`].
pub const SICK_MOMENT: &str = "2026-12-01T11:00";

/// The roster `replan` writes from [`SICK_MOMENT`] after [`tuesday_news`], exactly: what
/// happened is `past`, Wednesday's visit moved, Thursday's gone.
pub const REPLANNED_ROSTER: &str = "\
date,start,end,worker_id,kind,family_id,meeting_id,partner_worker_id,room_id,location_id,source
2026-12-01,09:40,10:00,W1,travel,,,,,L1,past
2026-12-01,10:00,12:00,W1,home_visit,F1,,,,L1,past
2026-12-01,12:00,12:20,W1,travel,,,,,U1,
2026-12-02,12:40,13:00,W1,travel,,,,,L2,
2026-12-02,13:00,14:00,W1,home_visit,F2,,,,L2,
2026-12-02,14:00,14:20,W1,travel,,,,,U1,
";
