//! `caseload`: parses arguments, runs the command and maps the outcome to an exit status
//! (0 success, 2 invalid input or usage, 1 anything else, a panic included).

use clap::Parser;

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
            eprintln!("{e}");
            e.exit_code()
        }
        Err(_) => {
            eprintln!(
                "caseload: internal error (a bug); nothing was written. Please report it with the command and the plan folder."
            );
            1
        }
    };
    std::process::exit(code);
}
