//! A county's week against a clock (issue 17; feature `quality`, its own CI step): a planted
//! three-office week at load 0.9 planned office by office within its limit, covered to 99 %
//! with every meeting staffed and every rule kept.

use caseload::check::check_roster;
use caseload::generate::{GenOptions, planted};
use caseload::solve::objective;
use std::time::{Duration, Instant};

#[test]
fn a_planted_three_office_week_is_covered_to_99_percent_within_its_limit() {
    let mut o = GenOptions::new(120, 400, 1);
    o.load = 0.9;
    let (mut p, _) = planted(&o);
    p.settings.time_limit_seconds = 60.0;
    let p = caseload::solve::week(p);
    let t = Instant::now();
    let caseload::model::Plan { roster, info, .. } = caseload::solve::plan(&p);
    let took = t.elapsed();
    assert!(took <= Duration::from_secs(62), "{took:?}");
    let v = check_roster(&p, &roster);
    assert!(v.is_empty(), "{v:?}");
    assert_eq!(info.by_office, Some(3), "{}", info.method);
    let terms = objective::terms(&p, &roster);
    let coverage = 1.0 - terms.shortfall_hours / p.demand_hours();
    assert!(coverage >= 0.99, "coverage {coverage:.4} ({})", info.method);
    assert_eq!(terms.uncovered_meetings, 0.0, "{}", info.method);
}
