//! A small static file server for dist/, so the built site can be tried
//! without Trunk's dev server: `cargo xtask serve [--port N]`. `/examples/` is
//! the repository's examples/ folder (the embedding demo), everything else dist/.

use crate::{dist, dist_dir, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

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
    dist::run()?;
    let root = dist_dir();
    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|err| format!("cannot listen on 127.0.0.1:{port}: {err}"))?;
    println!("\nServing {} on http://127.0.0.1:{port}/ (Ctrl-C to stop)", root.display());
    println!("Embedding examples: http://127.0.0.1:{port}/examples/cms.html");
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let root = root.clone();
        std::thread::spawn(move || {
            if let Err(err) = respond(stream, &root) {
                eprintln!("serve: {err}");
            }
        });
    }
    Ok(())
}

fn respond(mut stream: TcpStream, root: &Path) -> Result {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }

    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return send(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            head_only,
        );
    }

    // The embedding examples are served beside the build, at /examples/.
    let examples = crate::root().join("examples");
    let (root, target) = match target.strip_prefix("/examples") {
        Some(rest) if rest.starts_with('/') => (examples.as_path(), rest),
        _ => (root, target),
    };
    match resolve(root, target).and_then(|path| Some((std::fs::read(&path).ok()?, path))) {
        Some((body, path)) => {
            println!("200 {method} {target}");
            send(&mut stream, "200 OK", content_type(&path), &body, head_only)
        }
        None => {
            println!("404 {method} {target}");
            send(&mut stream, "404 Not Found", "text/plain; charset=utf-8", b"not found\n", head_only)
        }
    }
}

/// Map a request target to a file under `root`: the query string is dropped,
/// `%xx` escapes decoded, directories answered by their index.html, and any
/// `..`, absolute or otherwise odd component refused.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode(path.strip_prefix('/')?)?;
    let relative = Path::new(&decoded);
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    // A decoded NUL or backslash has no business in a URL path.
    (!decoded.contains(['\0', '\\'])).then_some(decoded)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn send(stream: &mut TcpStream, status: &str, content_type: &str, body: &[u8], head_only: bool) -> Result {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head_only {
        stream.write_all(body)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_only_files_inside_root() {
        let root = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("index.html"), "x").unwrap();
        std::fs::write(root.join("app.wasm"), "x").unwrap();
        std::fs::write(root.join("sub/a b.js"), "x").unwrap();

        let rows: &[(&str, Option<&str>)] = &[
            ("/", Some("index.html")),
            ("/?q=1", Some("index.html")),
            ("/app.wasm", Some("app.wasm")),
            ("/sub/a%20b.js", Some("sub/a b.js")),
            ("/missing.js", None),
            ("/../etc/passwd", None),
            ("/sub/../app.wasm", None),
            ("/%2e%2e/etc/passwd", None),
            ("//etc/passwd", None),
            ("/sub%5c..%5capp.wasm", None),
            ("/%zz", None),
            ("relative", None),
        ];
        for (target, expected) in rows {
            let got = resolve(&root, target);
            assert_eq!(got, expected.map(|rel| root.join(rel)), "{target}");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn wasm_and_scripts_get_types_browsers_require() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert!(content_type(Path::new("a.js")).starts_with("text/javascript"));
        assert!(content_type(Path::new("a.css")).starts_with("text/css"));
    }
}
