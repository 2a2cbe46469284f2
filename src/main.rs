//! `caseload`: parses arguments, runs the command and maps the outcome to an exit status
//! (0 success, 2 invalid input or usage, 3 a roster given to `evaluate` breaks rules, 1
//! anything else, a panic included).

use clap::Parser;
use std::io::Write;

fn main() {
    let cli = caseload::cli::Cli::parse();
    let outcome = std::panic::catch_unwind(|| {
        // Lets the test suite check the mapping below; no input can reach a panic.
        if std::env::var_os("CASELOAD_TEST_PANIC").is_some() {
            panic!("panic requested by CASELOAD_TEST_PANIC");
        }
        caseload::cli::run(cli)
    });
    let code = match outcome {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            let msg = e.to_string();
            if !msg.is_empty() {
                let _ = writeln!(std::io::stderr(), "{msg}");
            }
            e.exit_code()
        }
        Err(_) => {
            let _ = writeln!(
                std::io::stderr(),
                "caseload: internal error (a bug); {}. Please report it with the command and the plan folder.",
                if caseload::io::folder::wrote_any() {
                    "the output folder had already been written whole"
                } else {
                    "nothing was written"
                }
            );
            1
        }
    };
    std::process::exit(code);
}
