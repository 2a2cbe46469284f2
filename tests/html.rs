//! report.html is one self-contained page that renders in headless Chromium (Debian's
//! `chromium`, installed by scripts/setup.sh): the rendered DOM holds the Gantt chart with one
//! bar per roster row, the utilization chart and the family table, and the screenshot is a PNG
//! with content.

use caseload::generate::{GenOptions, generate};
use caseload::model::SolveInfo;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The report of a generated week's baseline roster (the page needs a roster, not the
/// optimizer).
fn report(dir: &Path) -> (String, usize) {
    let p = generate(&GenOptions::new(10, 30, 4));
    let roster = caseload::solve::baseline::baseline(&p);
    let info = SolveInfo {
        method: "baseline (greedy)".into(),
        objective: Some(caseload::solve::objective::evaluate(&p, &roster)),
        bound: None,
        mip_gap: p.settings.mip_gap,
        restricted: false,
        bound_from_routes: false,
        seconds: 0.0,
        evaluated: false,
    };
    let r = caseload::report::build(&p, &roster, &info);
    std::fs::write(dir.join("report.html"), &r.html).unwrap();
    (r.html, roster.activities.len())
}

/// Runs headless Chromium with `args` on `page`, killing it after a minute; returns stdout.
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
    let t0 = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if t0.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "chromium failed: {:?}", out.status);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_page_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let (html, _) = report(dir.path());
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
    let (_, rows) = report(dir.path());
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
