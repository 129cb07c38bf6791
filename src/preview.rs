//! `planwright watch --serve`: the report folder over HTTP on the loopback address, with a
//! few lines of script added to the HTML page so it reloads itself when a render writes a
//! new report. The report files themselves are never changed.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tiny_http::{Header, Response, Server};

use crate::error::Error;

/// The path the page polls for the report's generation.
pub const VERSION_PATH: &str = "/__planwright/version";

/// How many reports have been written; shared by the watch (which bumps it) and the server.
#[derive(Debug, Clone, Default)]
pub struct Generation(Arc<AtomicU64>);

impl Generation {
    /// A new report is in place.
    pub fn bump(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    /// The current generation.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// The script added before `</body>`: asks for the generation twice a second and reloads
/// the page when it is not the one the page was served at.
fn reload_script(generation: u64) -> String {
    format!(
        "<script>(function(){{var v=\"{generation}\";function poll(){{fetch(\"{VERSION_PATH}\",{{cache:\"no-store\"}}).then(function(r){{return r.text()}}).then(function(t){{if(t!==v){{location.reload()}}else{{setTimeout(poll,500)}}}},function(){{setTimeout(poll,1000)}})}}setTimeout(poll,500)}})();</script>"
    )
}

/// A preview server over one report folder.
pub struct Preview {
    server: Arc<Server>,
    addr: SocketAddr,
}

impl Preview {
    /// Listens on `127.0.0.1:port` (0: any free port). Only the loopback address: the
    /// report is not shown to the network.
    pub fn bind(port: u16) -> Result<Self, Error> {
        let server = Server::http(("127.0.0.1", port))
            .map_err(|e| Error::Serve { port, message: e.to_string() })?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| Error::Serve { port, message: "no IP address".into() })?;
        Ok(Self { server: Arc::new(server), addr })
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves `folder` (the report's), `page` at `/`, until the process ends: one thread
    /// that answers each request in turn (a preview has one reader).
    pub fn serve(
        &self,
        folder: PathBuf,
        page: String,
        generation: Generation,
    ) -> std::thread::JoinHandle<()> {
        let server = Arc::clone(&self.server);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let response = answer(&folder, &page, &generation, request.url());
                let _ = request.respond(response);
            }
        })
    }
}

type Answer = Response<std::io::Cursor<Vec<u8>>>;

/// `response` with a content type and no caching (a preview is always the latest).
fn typed(response: Answer, content_type: &str) -> Answer {
    let mut r = response;
    for (name, value) in [("Content-Type", content_type), ("Cache-Control", "no-store")] {
        // ASCII constants of ours: they always make a header
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            r = r.with_header(h);
        }
    }
    r
}

fn kind(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        Some("md") => "text/markdown; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The response to a request for `url`.
fn answer(folder: &Path, page: &str, generation: &Generation, url: &str) -> Answer {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        return typed(Response::from_string(generation.get().to_string()), "text/plain");
    }
    let rel =
        if path == "/" { page.to_string() } else { percent_decode(path.trim_start_matches('/')) };
    let rel = Path::new(&rel);
    // nothing outside the report folder
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Response::from_string("not found").with_status_code(404);
    }
    let file = folder.join(rel);
    match std::fs::read(&file) {
        Ok(bytes) if kind(&file).starts_with("text/html") => {
            let text = String::from_utf8_lossy(&bytes);
            let script = reload_script(generation.get());
            let html = match text.rfind("</body>") {
                Some(at) => format!("{}{script}\n{}", &text[..at], &text[at..]),
                None => format!("{text}{script}"),
            };
            typed(Response::from_string(html), kind(&file))
        }
        Ok(bytes) => typed(Response::from_data(bytes), kind(&file)),
        Err(_) => Response::from_string("not found").with_status_code(404),
    }
}

/// `%E5%B9%B4` → `年` (file names in a report may be Chinese).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_the_page_with_the_reload_script_and_nothing_outside_the_folder() {
        let dir = std::env::temp_dir().join(format!("pw-preview-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("r.html"), "<html><body><p>x</p></body></html>").unwrap();
        let g = Generation::default();
        g.bump();
        let page = answer(&dir, "r.html", &g, "/");
        let mut body = String::new();
        std::io::Read::read_to_string(&mut page.into_reader(), &mut body).unwrap();
        assert!(body.contains("<p>x</p><script>") && body.contains("var v=\"1\""), "{body}");
        assert_eq!(answer(&dir, "r.html", &g, "/../etc/passwd").status_code().0, 404);
        assert_eq!(answer(&dir, "r.html", &g, "/nope.pdf").status_code().0, 404);
        let v = answer(&dir, "r.html", &g, VERSION_PATH);
        let mut body = String::new();
        std::io::Read::read_to_string(&mut v.into_reader(), &mut body).unwrap();
        assert_eq!(body, "1");
        assert_eq!(percent_decode("%E5%B9%B4.pdf"), "年.pdf");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
