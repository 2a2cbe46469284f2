//! caseload: plans the working week of a Finnish child-welfare family-services team.
//!
//! Dependencies point one way: `io`, `solve`, `check`, `report` and `generate` depend on
//! `model`; `cli` depends on all of them. `model` depends on nothing in the crate.

pub mod check;
pub mod cli;
pub mod generate;
pub mod io;
pub mod model;
pub mod report;
pub mod solve;
pub mod whatif;
