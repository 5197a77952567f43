//! `cargo xtask serve [--port N]`: builds dist/ and serves it, so the built site can
//! be tried without Trunk's dev server. The server is the browser tests' own
//! (`tests/server.mjs`, run by node): dist/ at `/`, the repository's examples/
//! folder (the embedding demo) at `/examples/`, each request logged.

use crate::{dist, dist_dir, exec, root, Result};
use std::process::Command;

const DEFAULT_PORT: u16 = 8080;

pub fn port_from_args(args: &[String]) -> Result<u16> {
    match args {
        [] => Ok(DEFAULT_PORT),
        [flag, port] if flag == "--port" => {
            Ok(port.parse().map_err(|_| format!("--port needs a number from 1 to 65535, not {port:?}"))?)
        }
        _ => Err("usage: cargo xtask serve [--port N]".into()),
    }
}

pub fn run(port: u16) -> Result {
    dist::run(None)?;
    let mount = |prefix: &str, dir: std::path::PathBuf| format!("{prefix}={}", dir.display());
    exec(
        Command::new("node")
            .arg(root().join("tests/server.mjs"))
            .args(["--port", &port.to_string()])
            .arg(mount("/", dist_dir()))
            .arg(mount("/examples/", root().join("examples"))),
    )
}
