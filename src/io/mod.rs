//! Reading and validating the input contract, and writing plan folders and outputs.

pub mod cx;
pub mod error;
pub mod fields;
pub mod folder;
pub mod limits;
pub mod load;
pub mod output;
pub mod plan_toml;
pub mod read;
pub mod roster;
pub mod scenarios;
pub mod schema;
pub mod sheet;
pub mod table;
pub mod template;
pub mod text;
pub mod write_plan;
pub mod xlsx;

pub use error::{ErrorCode, InputError, InputErrors};
pub use load::load_plan;
