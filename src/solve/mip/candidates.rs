//! Which (worker, family, day) blocks the model may use, and the travel each visit costs at
//! least. Restricting candidates is what lets the model scale; it is recorded so the summary
//! can say when the bound is only that of the restricted model.

use crate::model::Problem;

/// Families with more eligible workers than this keep only their own worker and the nearest.
pub const NEAREST_WORKERS: usize = 16;

/// A (worker, family, day) block the model may fill with in-person and remote time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    pub worker: usize,
    pub family: usize,
    pub day: usize,
    /// In-person visits fit (worker and family share a window of the shortest visit).
    pub visit: bool,
    /// Remote sessions fit and the family allows remote work.
    pub remote: bool,
    /// Hours of travel an in-person visit needs at least (the shortest way into the home).
    pub travel_in: f64,
}

impl Block {
    /// Minutes from the worker's base to the home and back.
    pub fn round_trip_minutes(&self, p: &Problem) -> u32 {
        let (base, home) = (
            p.workers[self.worker].base,
            p.families[self.family].location,
        );
        p.travel.round_trip(base, home)
    }
}

/// Lower bound on the travel into each location: the shortest leg from any other location,
/// or zero where the location is shared (a unit where rooms, offices or other families are),
/// because there one arrival can serve several activities.
pub fn travel_in_hours(p: &Problem) -> Vec<f64> {
    let n = p.locations.len();
    let mut uses = vec![0usize; n];
    for f in &p.families {
        uses[f.location] += 1;
    }
    for w in &p.workers {
        uses[w.base] += 2;
    }
    for r in &p.rooms {
        uses[r.location] += 2;
    }
    (0..n)
        .map(|l| {
            if uses[l] != 1 {
                return 0.0;
            }
            let m = (0..n)
                .filter(|&g| g != l)
                .map(|g| p.travel.minutes(g, l))
                .min()
                .unwrap_or(0);
            f64::from(m) / 60.0
        })
        .collect()
}

/// The blocks and whether any family's workers were restricted.
pub fn blocks(p: &Problem) -> (Vec<Block>, bool) {
    let tin = travel_in_hours(p);
    let mut out = Vec::new();
    let mut restricted = false;
    for (f, fam) in p.families.iter().enumerate() {
        let mut eligible: Vec<usize> = (0..p.workers.len())
            .filter(|&w| p.can_serve(w, f))
            .collect();
        if eligible.len() > NEAREST_WORKERS {
            restricted = true;
            eligible.sort_by_key(|&w| {
                (
                    fam.primary_worker != Some(w),
                    p.travel.minutes(p.workers[w].base, fam.location),
                    w,
                )
            });
            eligible.truncate(NEAREST_WORKERS);
            eligible.sort_unstable();
        }
        let remote_ok = p.remote_cap(f) > 0.0;
        for &w in &eligible {
            for d in 0..7 {
                let common = p.worker_windows[w][d].intersect(&fam.windows_on(d));
                let longest = common
                    .intervals()
                    .iter()
                    .map(|i| i.minutes())
                    .max()
                    .unwrap_or(0);
                let visit = longest >= fam.visit_minutes.0;
                let remote = remote_ok && longest >= fam.remote_minutes.0;
                if visit || remote {
                    let travel_in = if fam.location == p.workers[w].base {
                        0.0
                    } else {
                        tin[fam.location]
                    };
                    out.push(Block {
                        worker: w,
                        family: f,
                        day: d,
                        visit,
                        remote,
                        travel_in,
                    });
                }
            }
        }
    }
    (out, restricted)
}
