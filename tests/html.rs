//! report.html is one self-contained page that renders in headless Chromium (Debian's
//! `chromium`, installed by scripts/setup.sh): the rendered DOM holds the Gantt chart with one
//! bar per roster row, each visit's bar naming its family, rows naming their workers (a name
//! with markup stays text), an absence and the week's public holiday shaded, the utilization
//! chart and the family table linking each family to its bars, and the screenshot is a PNG with
//! content.

use caseload::generate::{GenOptions, generate};
use caseload::model::{ActivityKind, AvailabilityException, ExceptionKind, Roster, SolveInfo};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The report of a generated week's baseline roster (the page needs a roster, not the
/// optimizer). Week 2026-W49 holds Independence Day (Sunday); W02's name is markup and W03 is
/// away all Tuesday.
fn report(dir: &Path) -> (String, caseload::model::Week, Roster) {
    let mut p = caseload::model::Week::new(generate(&GenOptions::new(10, 30, 4)));
    p.workers[1].name = "<script>alert(1)</script>".into();
    p.exceptions.push(AvailabilityException {
        worker: 2,
        day: 1,
        span: None,
        kind: ExceptionKind::Absent,
    });
    p.rebuild_derived();
    let roster = caseload::solve::baseline::baseline(&p);
    let info = SolveInfo {
        method: "baseline (greedy)".into(),
        objective: Some(caseload::solve::objective::evaluate(&p, &roster)),
        bound: None,
        mip_gap: p.settings.mip_gap,
        restricted: false,
        bound_from_routes: false,
        by_office: None,
        seconds: 0.0,
        evaluated: false,
    };
    let r = caseload::report::build(
        &p,
        &caseload::solve::pins::plan_of(&p, roster.clone(), info.clone()),
    );
    std::fs::write(dir.join("report.html"), &r.html).unwrap();
    (r.html, p, roster)
}

/// Runs headless Chromium with `args` on `page`, killing it after a minute; returns stdout.
/// Stdout is read while Chromium runs: a DOM larger than the pipe's buffer would otherwise
/// block it until the timeout.
fn chromium(profile: &Path, page: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new("chromium");
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=1400,2400",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(args)
    .arg(format!("file://{}", page.display()))
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap_or_else(|e| {
        panic!("could not start chromium ({e}); scripts/setup.sh installs Debian's chromium")
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let t0 = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if t0.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "chromium failed: {status:?}");
    String::from_utf8_lossy(&reader.join().expect("the reader thread")).into_owned()
}

/// What people read in the rendered page: the family on a visit's bar, workers' names, the
/// shaded absence and holiday, and the family table's links to the bars.
fn readable(dom: &str, p: &caseload::model::Week, roster: &Roster) {
    // A visit's bar names its family (a visit is an hour or more: room for the case code).
    let (i, visit) = roster
        .activities
        .iter()
        .enumerate()
        .find(|(_, a)| a.kind == ActivityKind::HomeVisit)
        .expect("the baseline plans a visit");
    let f = visit.family.expect("a visit has its family");
    let fid = &p.families[f].id;
    let at = dom
        .find(&format!("id=\"bar-{i}\""))
        .expect("the visit's bar has its id");
    let bar = &dom[at..at + dom[at..].find("</g>").expect("the bar's group ends")];
    assert!(
        bar.contains(&format!("\">{fid}")) && bar.contains("</text>"),
        "the bar of {fid} does not name it: {bar}"
    );
    // Rows name their workers; a name with markup stays text.
    let w0 = &p.workers[0];
    assert!(
        dom.contains(&format!(">{} {}</text>", w0.id, w0.name)),
        "no row names {} {}",
        w0.id,
        w0.name
    );
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!dom.contains("<script"), "a worker's name became markup");
    // W03's absence is hatched, and Independence Day is shaded.
    assert!(dom.contains("<rect class=\"absent\""), "no shaded absence");
    assert!(
        dom.contains(&format!(
            "{} {} absent Tue all day",
            p.workers[2].id, p.workers[2].name
        )),
        "the absence does not name its worker"
    );
    assert!(dom.contains("<rect class=\"holiday\""), "no shaded holiday");
    assert!(dom.contains("public holiday"));
    // The family table links the family to this bar and to the highlight of all its bars.
    let table = &dom[dom.find("id=\"families\"").expect("family table")..];
    assert!(
        table.contains(&format!("href=\"#bar-{i}\"")),
        "the family table does not link to bar-{i}"
    );
    assert!(table.contains(&format!("href=\"#hl-{f}\"")));
    assert!(dom.contains(&format!("id=\"hl-{f}\"")));
    assert!(dom.contains(&format!("id=\"family-{f}\"")));
}

#[test]
fn the_page_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let (html, _, _) = report(dir.path());
    for banned in ["<script", "<link", "src=", "@import", "https://"] {
        assert!(!html.contains(banned), "report.html contains {banned}");
    }
    let without_ns = html.replace("http://www.w3.org/2000/svg", "");
    assert!(
        !without_ns.contains("http://"),
        "report.html refers to an external address"
    );
}

#[test]
fn the_report_renders_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let (_, p, roster) = report(dir.path());
    let rows = roster.activities.len();
    let page = dir.path().join("report.html");
    let profile = dir.path().join("profile");
    let dom = chromium(&profile, &page, &["--dump-dom"]);
    for id in [
        "id=\"gantt\"",
        "id=\"utilization\"",
        "id=\"families\"",
        "</body>",
    ] {
        assert!(dom.contains(id), "rendered DOM lacks {id}");
    }
    assert_eq!(
        dom.matches("class=\"act ").count(),
        rows,
        "one Gantt bar per roster row"
    );
    readable(&dom, &p, &roster);
    let shot = dir.path().join("shot.png");
    chromium(
        &profile,
        &page,
        &[&format!("--screenshot={}", shot.display())],
    );
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "the screenshot is a PNG");
    // A blank 1400 × 2400 page compresses to a few kB; charts and tables make it far larger.
    assert!(
        png.len() > 50_000,
        "screenshot of {} bytes looks empty",
        png.len()
    );
}
