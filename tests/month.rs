//! `caseload month` (issue 16, part 1): four consecutive planned weeks (history rolled forward
//! through history_next.csv), the month's delivered hours per family and per child equal the
//! sum of the weeks' roster.csv rows dated in the month; invoice amounts are hours × price;
//! one week given twice and a folder without a manifest are refused (exit 2).

mod common;

use caseload::generate::{GenOptions, generate};
use caseload::io::write_plan::write_plan;
use caseload::model::IsoWeek;
use chrono::Datelike;
use common::caseload;
use std::collections::BTreeMap;
use std::path::Path;

fn next_week(w: IsoWeek) -> IsoWeek {
    let d = (w.monday() + chrono::Duration::weeks(1)).iso_week();
    IsoWeek::new(d.year(), d.week()).unwrap()
}

/// A CSV file caseload wrote (international style): header and rows by column name.
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn minutes(t: &str) -> i64 {
    let (h, m) = t.split_once(':').unwrap();
    h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap()
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("a number: {s:?}"))
}

#[test]
fn a_month_of_four_planned_weeks_adds_up_to_the_rosters_days_in_the_month() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let mut o = GenOptions::new(6, 16, 7);
    o.load = 0.8;
    let mut p = generate(&o);
    assert_eq!(p.settings.week, IsoWeek::new(2026, 49).unwrap());
    // Children on some families, commitments shared by two families on others.
    for (i, f) in p.families.iter_mut().enumerate() {
        if i % 3 == 0 {
            f.children = vec![format!("{}-A", f.id), format!("{}-B", f.id)];
        }
        if i % 4 == 1 {
            f.commitment = Some(format!("MS-{}", i / 8));
        }
    }
    let services: std::collections::BTreeSet<String> =
        p.families.iter().map(|f| f.service.clone()).collect();
    // Prices for every service in person and remote; none for meetings.
    let mut prices = String::from("service,channel,euros_per_hour\n");
    let price = |k: usize, channel: &str| {
        60.0 + k as f64 * 5.5 + if channel == "remote" { -10.0 } else { 0.0 }
    };
    for (k, s) in services.iter().enumerate() {
        for c in ["in_person", "remote"] {
            prices.push_str(&format!("{s},{c},{}\n", price(k, c)));
        }
    }
    let mut outs = Vec::new();
    for step in 0..4 {
        let plan = root.join(format!("plan{step}"));
        write_plan(&plan, &p).unwrap();
        if step > 0 {
            std::fs::copy(
                root.join(format!("out{}/history_next.csv", step - 1)),
                plan.join("history.csv"),
            )
            .unwrap();
        }
        std::fs::write(plan.join("prices.csv"), &prices).unwrap();
        let out = format!("out{step}");
        caseload(
            root,
            &[
                "plan",
                &format!("plan{step}"),
                "--out",
                &out,
                "--time-limit",
                "1",
            ],
        )
        .expect_code(0);
        outs.push(out);
        let mut q = p.clone();
        q.settings.week = next_week(p.settings.week);
        q.history.clear();
        q.rebuild_derived();
        p = q;
    }
    let mut args = vec!["month", "--month", "2026-12"];
    args.extend(outs.iter().map(String::as_str));
    args.extend(["--out", "m"]);
    let run = caseload(root, &args);
    run.expect_code(0);
    // 2026-W53 (28 to 31 December) was not given: said on stderr and in month_weeks.csv.
    assert!(run.stderr().contains("2026-W53"), "{}", run.context());
    let weeks = read_csv(&root.join("m/month_weeks.csv"));
    assert_eq!(weeks.len(), 5);
    assert!(weeks[4]["status"].starts_with("missing"), "{weeks:?}");
    assert_eq!(weeks[0]["days_in_month"], "6", "W49 starts on 30 November");

    // The truth, from the rosters: client minutes per family and channel, December only.
    let mut truth: BTreeMap<String, [i64; 2]> = BTreeMap::new();
    let mut november = 0;
    for out in &outs {
        for row in read_csv(&root.join(out).join("roster.csv")) {
            let channel = match row["kind"].as_str() {
                "home_visit" | "joint_visit" => 0,
                "remote" => 1,
                _ => continue,
            };
            let m = minutes(&row["end"]) - minutes(&row["start"]);
            if !row["date"].starts_with("2026-12") {
                november += m;
                continue;
            }
            truth.entry(row["family_id"].clone()).or_default()[channel] += m;
        }
    }
    assert!(
        november > 0,
        "the first week has client work on 30 November to leave out"
    );
    let fams = read_csv(&root.join("m/month_families.csv"));
    assert_eq!(fams.len(), 16);
    let plan0 = caseload::io::load_plan(&root.join("plan0")).unwrap();
    for f in &fams {
        let t = truth.get(&f["family_id"]).copied().unwrap_or_default();
        let want = (t[0] + t[1]) as f64 / 60.0;
        assert!(
            (num(&f["delivered_hours"]) - want).abs() < 0.006,
            "{}: delivered {} against {want} from the rosters",
            f["family_id"],
            f["delivered_hours"]
        );
        assert!((num(&f["in_person_hours"]) - t[0] as f64 / 60.0).abs() < 0.006);
        assert!((num(&f["remote_hours"]) - t[1] as f64 / 60.0).abs() < 0.006);
        // Agreed: 6 + 7 + 7 + 7 days of the weekly hours.
        let fam = plan0
            .families
            .iter()
            .find(|x| x.id == f["family_id"])
            .unwrap();
        let agreed = fam.weekly_hours * 27.0 / 7.0;
        assert!((num(&f["agreed_hours"]) - agreed).abs() < 0.006, "{f:?}");
    }
    // Per child: the family's figures once per child.
    let children = read_csv(&root.join("m/month_children.csv"));
    let expected_rows: usize = plan0.families.iter().map(|f| f.children.len().max(1)).sum();
    assert_eq!(children.len(), expected_rows);
    for c in &children {
        let fam = plan0
            .families
            .iter()
            .find(|x| x.id == c["family_id"])
            .unwrap();
        if fam.children.is_empty() {
            assert_eq!(c["child_id"], fam.id);
        } else {
            assert!(fam.children.contains(&c["child_id"]));
        }
        let t = truth.get(&c["family_id"]).copied().unwrap_or_default();
        let want = (t[0] + t[1]) as f64 / 60.0;
        assert!((num(&c["delivered_hours"]) - want).abs() < 0.006, "{c:?}");
    }
    // The invoice: per commitment, service and channel, amount = hours × price.
    let mut billed: BTreeMap<(String, String, usize), i64> = BTreeMap::new();
    for f in &plan0.families {
        let key = f.commitment.clone().unwrap_or_else(|| f.id.clone());
        let t = truth.get(&f.id).copied().unwrap_or_default();
        for (ch, m) in t.iter().enumerate() {
            *billed
                .entry((key.clone(), f.service.clone(), ch))
                .or_default() += m;
        }
    }
    let invoice = read_csv(&root.join("m/invoice.csv"));
    let mut seen = 0;
    for line in &invoice {
        let ch = match line["channel"].as_str() {
            "in_person" => 0,
            "remote" => 1,
            _ => {
                assert_eq!(line["amount_euros"], "", "no price, no amount: {line:?}");
                assert!(line["note"].starts_with("no price"), "{line:?}");
                continue;
            }
        };
        let m = billed[&(line["commitment"].clone(), line["service"].clone(), ch)];
        let k = services.iter().position(|s| *s == line["service"]).unwrap();
        let want = m as f64 / 60.0 * price(k, &line["channel"]);
        assert!(
            (num(&line["amount_euros"]) - want).abs() < 0.006,
            "{line:?}: want {want}"
        );
        assert!((num(&line["euros_per_hour"]) - price(k, &line["channel"])).abs() < 1e-9);
        seen += 1;
    }
    assert_eq!(
        seen,
        billed.values().filter(|m| **m > 0).count(),
        "a line per commitment, service and channel with hours"
    );
    assert!(invoice.iter().any(|l| l["commitment"].starts_with("MS-")));
    let html = std::fs::read_to_string(root.join("m/month.html")).unwrap();
    assert_eq!(
        html.matches("<section class=\"page\">").count(),
        expected_rows
    );

    // One week twice (a copy of the folder, manifest and all): exit 2 naming both.
    copy_dir(&root.join("out1"), &root.join("out1copy"));
    let run = caseload(
        root,
        &[
            "month", "--month", "2026-12", "out0", "out1", "out1copy", "--out", "m2",
        ],
    );
    run.expect_code(2);
    assert!(
        run.stderr().contains("out1 and out1copy") && run.stderr().contains("2026-W50"),
        "{}",
        run.context()
    );
    assert!(!root.join("m2").exists());

    // A folder caseload did not write: refused, named.
    std::fs::create_dir(root.join("mine")).unwrap();
    std::fs::copy(root.join("out2/roster.csv"), root.join("mine/roster.csv")).unwrap();
    let run = caseload(
        root,
        &["month", "--month", "2026-12", "out0", "mine", "--out", "m3"],
    );
    run.expect_code(2);
    assert!(
        run.stderr().contains("mine") && run.stderr().contains("not written by caseload"),
        "{}",
        run.context()
    );
    // An edited roster is refused too.
    let roster = root.join("out3/roster.csv");
    let text = std::fs::read_to_string(&roster).unwrap();
    std::fs::write(&roster, text.replacen("home_visit", "remote", 1)).unwrap();
    let run = caseload(
        root,
        &["month", "--month", "2026-12", "out3", "--out", "m4"],
    );
    run.expect_code(2);
    assert!(
        run.stderr().contains("changed since caseload wrote it"),
        "{}",
        run.context()
    );
    // A month that is none, and a week with no day in the month: exit 2.
    let run = caseload(root, &["month", "--month", "2026-13", "out0"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("--month 2026-13"),
        "{}",
        run.context()
    );
    let run = caseload(
        root,
        &["month", "--month", "2027-01", "out0", "--out", "m5"],
    );
    run.expect_code(2);
    assert!(
        run.stderr().contains("has no day in 2027-01"),
        "{}",
        run.context()
    );
    assert!(!root.join("m5").exists() && !root.join("month-2026-13").exists());
    // The month folder is caseload's own: written again in place.
    let mut again = vec!["month", "--month", "2026-12"];
    again.extend(outs[..3].iter().map(String::as_str));
    again.extend(["--out", "m"]);
    caseload(root, &again).expect_code(0);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
