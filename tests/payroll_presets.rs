//! `[payroll] preset`: the import files of Visma Fivaldi and Procountor beside payroll.csv.
//! The files of a planned week are read back as their layouts say (`;` between values, a decimal
//! comma, CR LF, Fivaldi with its header row, Procountor without one) and hold the same hours as
//! payroll.csv: per worker, date and pay code for Fivaldi, per worker and pay code for the week
//! for Procountor (its record has no date). A preset without every worker's `payroll_id`, a
//! payroll number Procountor cannot take, and an unknown preset are input errors with the place.

mod common;

use common::caseload;
use std::collections::BTreeMap;
use std::path::Path;

const WORKERS: &str = "\
id,name,skills,contract_hours,capacity_hours,available,base,hourly_wage,payroll_id
W01,Anna K.,supervision|swedish,10,38.25,Mon-Fri 08:00-16:00,U1,21.5,501
W02,Mikko L.,supervision,38.25,,Mon-Fri 10:00-18:00|Sat 09:00-15:00,U1,,502
W03,Sanna M.,,30,28,Mon-Thu 08:00-16:00,U1,20,503
";

/// plan.toml with `preset`, an evening window the day shifts reach and two renamed codes.
fn plan_toml(preset: &str) -> String {
    format!(
        "week = \"2026-W49\"\n[payroll]\nevening = \"15:00-21:00\"\npreset = \"{preset}\"\n[payroll.codes]\nREG = \"1001\"\nSAT = \"1050\"\n"
    )
}

fn plan(preset: &str, workers: &str) -> tempfile::TempDir {
    common::plan_of(&[
        ("plan.toml", &plan_toml(preset)),
        ("locations.csv", common::LOCATIONS),
        ("workers.csv", workers),
        ("families.csv", common::FAMILIES),
        ("rooms.csv", common::ROOMS),
        ("meetings.csv", common::MEETINGS),
        ("availability.csv", common::AVAILABILITY),
        ("history.csv", common::HISTORY),
    ])
}

/// The worker id of each payroll number, and the SPEC's code of each renamed one.
fn worker_of(number: &str) -> &'static str {
    match number {
        "501" => "W01",
        "502" => "W02",
        "503" => "W03",
        other => panic!("unknown payroll number {other:?}"),
    }
}

fn spec_code(code: &str) -> String {
    match code {
        "1001" => "REG".into(),
        "1050" => "SAT".into(),
        other => other.into(),
    }
}

/// payroll.csv as (worker, date, code) → hours, with the codes as the SPEC names them.
fn payroll(out: &Path) -> BTreeMap<(String, String, String), String> {
    let text = std::fs::read_to_string(out.join("payroll.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("worker_id,date,pay_code,hours"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 4, "{l}");
            (
                (f[0].to_string(), f[1].to_string(), spec_code(f[2])),
                f[3].to_string(),
            )
        })
        .collect()
}

/// The lines of an import file: CR LF after each, UTF-8 without a byte-order mark.
fn import_lines(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with("\r\n"), "{text:?}");
    let lines: Vec<String> = text
        .strip_suffix("\r\n")
        .unwrap()
        .split("\r\n")
        .map(str::to_string)
        .collect();
    assert!(lines.iter().all(|l| !l.contains('\n')), "{text:?}");
    lines
}

/// `7,50` read with its decimal comma as `7.50`.
fn decimal_comma(s: &str) -> String {
    assert!(
        s.contains(',') && !s.contains('.') && s.parse::<f64>().is_err(),
        "{s:?} is not a number with a decimal comma"
    );
    let x: f64 = s.replace(',', ".").parse().unwrap();
    format!("{x:.2}")
}

fn planned(preset: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = plan(preset, WORKERS);
    caseload(dir.path(), &["plan", ".", "--time-limit", "2"]).expect_code(0);
    let out = dir.path().join("out");
    (dir, out)
}

#[test]
fn fivaldi_file_reads_back_to_payroll_csv_per_worker_date_and_code() {
    let (_dir, out) = planned("fivaldi");
    assert!(!out.join("payroll_procountor.csv").exists());
    let expected = payroll(&out);
    assert!(
        expected.keys().any(|k| k.2 == "EVE") && expected.keys().any(|k| k.2 == "SAT"),
        "the week should hold evening and Saturday hours: {expected:?}"
    );
    let lines = import_lines(&out.join("payroll_fivaldi.csv"));
    assert_eq!(
        lines[0],
        "ERA;PVM;HENKILO;PALKKALAJI;MAARA;SK1;SK2;SK3;SK4;KERROIN;HINTA;KULUTILI;SELITE;PAIVITYSTAPA;LOMA_ALKUPVM;LOMA_LOPPUPVM"
    );
    let mut found = BTreeMap::new();
    for l in &lines[1..] {
        let f: Vec<&str> = l.split(';').collect();
        assert_eq!(f.len(), 16, "{l}");
        assert_eq!(f[0], "Palkat 30.11.26", "the batch of the week's Monday");
        let (d, m, y) = (&f[1][0..2], &f[1][3..5], &f[1][6..10]);
        assert_eq!(f[1].len(), 10, "DD.MM.YYYY: {l}");
        assert_eq!((&f[1][2..3], &f[1][5..6]), (".", "."), "{l}");
        let key = (
            worker_of(f[2]).to_string(),
            format!("{y}-{m}-{d}"),
            spec_code(f[3]),
        );
        assert!(f[5..].iter().all(|c| c.is_empty()), "{l}");
        assert!(
            found.insert(key, decimal_comma(f[4])).is_none(),
            "one row per worker, date and code: {l}"
        );
    }
    assert_eq!(found, expected);
}

#[test]
fn procountor_file_reads_back_to_the_weeks_hours_per_worker_and_code() {
    let (_dir, out) = planned("procountor");
    assert!(!out.join("payroll_fivaldi.csv").exists());
    let mut expected: BTreeMap<(String, String), (f64, usize)> = BTreeMap::new();
    for ((w, _, code), hours) in payroll(&out) {
        let e = expected.entry((w, code)).or_insert((0.0, 0));
        e.0 += hours.parse::<f64>().unwrap();
        e.1 += 1;
    }
    let lines = import_lines(&out.join("payroll_procountor.csv"));
    assert!(!lines[0].contains("HENKIL"), "no header row: {}", lines[0]);
    let mut found = BTreeMap::new();
    for l in &lines {
        let f: Vec<&str> = l.split(';').collect();
        assert_eq!(f.len(), 6, "{l}");
        assert_eq!((f[0], f[3], f[5]), ("E", "", ""), "{l}");
        let key = (worker_of(f[1]).to_string(), spec_code(f[2]));
        let hours: f64 = decimal_comma(f[4]).parse().unwrap();
        assert!(
            found.insert(key, hours).is_none(),
            "one row per worker and code: {l}"
        );
    }
    assert_eq!(
        found.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (key, (sum, rows)) in &expected {
        // payroll.csv rounds each day to two decimals, the week's sum is rounded once.
        let tolerance = 0.005 * (*rows as f64 + 1.0) + 1e-9;
        assert!(
            (found[key] - sum).abs() <= tolerance,
            "{key:?}: {} in payroll_procountor.csv, {sum} in payroll.csv",
            found[key]
        );
    }
}

fn check(dir: &Path) -> common::Run {
    caseload(dir, &["check", "."])
}

#[test]
fn an_unknown_preset_is_exit_2_naming_the_line_and_the_allowed_values() {
    let dir = plan("netvisor", WORKERS);
    let run = check(dir.path());
    run.expect_code(2);
    let err = run.stderr();
    assert!(
        err.contains("plan.toml:4")
            && err.contains("payroll.preset")
            && err.contains("\"netvisor\"")
            && err.contains("\"fivaldi\"")
            && err.contains("\"procountor\""),
        "{}",
        run.context()
    );
}

#[test]
fn a_worker_without_payroll_id_under_a_preset_is_exit_2_with_line_and_column() {
    let workers = WORKERS.replace(",,502\n", ",,\n");
    let dir = plan("fivaldi", &workers);
    let run = check(dir.path());
    run.expect_code(2);
    let err = run.stderr();
    assert!(
        err.contains("workers.csv:3: error[E008")
            && err.contains("column \"payroll_id\"")
            && err.contains("preset = \"fivaldi\""),
        "{}",
        run.context()
    );
    assert_eq!(err.matches("error[").count(), 1, "{}", run.context());

    // Without the column at all: one problem, on the header line.
    let workers: String = WORKERS
        .lines()
        .map(|l| l.rsplit_once(',').unwrap().0.to_string() + "\n")
        .collect();
    let dir = plan("procountor", &workers);
    let run = check(dir.path());
    run.expect_code(2);
    let err = run.stderr();
    assert!(
        err.contains("workers.csv:1: error[E006") && err.contains("column \"payroll_id\""),
        "{}",
        run.context()
    );
    assert_eq!(err.matches("error[").count(), 1, "{}", run.context());

    // Without a preset the column may be left out or empty.
    let dir = common::plan_of(&[
        ("plan.toml", common::PLAN_TOML),
        ("locations.csv", common::LOCATIONS),
        ("workers.csv", &workers),
        ("families.csv", common::FAMILIES),
        ("rooms.csv", common::ROOMS),
        ("meetings.csv", common::MEETINGS),
    ]);
    check(dir.path()).expect_code(0);
}

#[test]
fn payroll_numbers_procountor_cannot_take_or_personal_codes_are_exit_2() {
    let workers = WORKERS.replace(",501\n", ",A-501\n");
    let dir = plan("procountor", &workers);
    let run = check(dir.path());
    run.expect_code(2);
    assert!(
        run.stderr().contains("workers.csv:2: error[E009")
            && run.stderr().contains("column \"payroll_id\""),
        "{}",
        run.context()
    );
    // Fivaldi takes any id.
    check(plan("fivaldi", &workers).path()).expect_code(0);

    let workers = WORKERS.replace(",503\n", ",010190-123A\n");
    let run = check(plan("fivaldi", &workers).path());
    run.expect_code(2);
    assert!(
        run.stderr().contains("workers.csv:4: error[E015")
            && run.stderr().contains("personal identity code"),
        "{}",
        run.context()
    );

    let workers = WORKERS.replace(",503\n", ",501\n");
    let run = check(plan("fivaldi", &workers).path());
    run.expect_code(2);
    assert!(
        run.stderr().contains("workers.csv:4: error[E018") && run.stderr().contains("line 2"),
        "{}",
        run.context()
    );
}

#[test]
fn payroll_ids_and_the_preset_survive_writing_the_plan_and_reading_it_back() {
    let mut p = caseload::generate::generate(&caseload::generate::GenOptions::new(4, 6, 3));
    p.settings.payroll.preset = Some(caseload::model::PayrollPreset::Procountor);
    for (i, w) in p.workers.iter_mut().enumerate() {
        w.payroll_id = Some(format!("{}", 7000 + i));
    }
    let dir = tempfile::tempdir().unwrap();
    caseload::io::write_plan::write_plan(dir.path(), &p).unwrap();
    let back = caseload::io::load_plan(dir.path()).unwrap();
    assert_eq!(back.settings.payroll, p.settings.payroll);
    let ids = |p: &caseload::model::Problem| -> Vec<Option<String>> {
        p.workers.iter().map(|w| w.payroll_id.clone()).collect()
    };
    assert_eq!(ids(&back), ids(&p));
}
