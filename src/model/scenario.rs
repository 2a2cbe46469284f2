//! What-if scenarios: changes to a week's problem, with references resolved to indices of the
//! problem they change. `whatif::apply` turns a problem and a scenario into a new problem.

/// A worker away on one day of the week, or the whole week when `day` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Absence {
    pub worker: usize,
    pub day: Option<usize>,
}

/// `count` new workers or families like the one at index `like`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copies {
    pub like: usize,
    pub count: u32,
}

/// One scenario of a scenarios file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scenario {
    pub name: String,
    /// Workers away.
    pub absent: Vec<Absence>,
    /// Workers who leave the team (gone from every output of the scenario).
    pub remove_workers: Vec<usize>,
    /// New workers with the same skills, hours, pattern and base as the one they are like.
    pub add_workers: Vec<Copies>,
    /// New families with the same service, hours, home area and rules as the one they are like.
    pub add_families: Vec<Copies>,
    /// Changed hours of a worker.
    pub worker_hours: Vec<HoursChange>,
    /// A different remote cap for the whole team.
    pub remote_max_share: Option<f64>,
    /// Every family's weekly hours times this.
    pub scale_demand: Option<f64>,
}

/// New contract and/or capacity hours of one worker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HoursChange {
    pub worker: usize,
    pub contract_hours: Option<f64>,
    pub capacity_hours: Option<f64>,
}

impl Scenario {
    /// True when the scenario only takes capacity away (absences, leavers, fewer hours, a
    /// stricter cap): every roster of the scenario is then also a roster of the original week.
    pub fn only_restricts(&self, p: &super::Problem) -> bool {
        self.add_workers.is_empty()
            && self.add_families.is_empty()
            && self.scale_demand.is_none_or(|s| s == 1.0)
            && self
                .remote_max_share
                .is_none_or(|r| r <= p.settings.remote_max_share)
            && self.worker_hours.iter().all(|h| {
                let w = &p.workers[h.worker];
                h.contract_hours.is_none_or(|c| c == w.contract_hours)
                    && h.capacity_hours.is_none_or(|c| c <= w.capacity_hours)
            })
    }

    /// True when the scenario only adds capacity (new workers, more hours) and leaves demand
    /// as it is: every roster of the original week is then also a roster of the scenario.
    pub fn only_adds_capacity(&self, p: &super::Problem) -> bool {
        self.absent.is_empty()
            && self.remove_workers.is_empty()
            && self.add_families.is_empty()
            && self.scale_demand.is_none_or(|s| s == 1.0)
            && self
                .remote_max_share
                .is_none_or(|r| r >= p.settings.remote_max_share)
            && self.worker_hours.iter().all(|h| {
                let w = &p.workers[h.worker];
                h.contract_hours.is_none_or(|c| c == w.contract_hours)
                    && h.capacity_hours.is_none_or(|c| c >= w.capacity_hours)
            })
    }
}
