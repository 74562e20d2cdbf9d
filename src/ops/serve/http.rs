//! The HTTP/1.1 of `kohyo serve`: just enough to preview a static site in a browser on this
//! computer, and nothing a hostile page or client can use.
//!
//! - It listens on 127.0.0.1 only and answers only requests whose `Host` is `127.0.0.1`,
//!   `localhost` or `[::1]` with the server's port, so that a page on the internet cannot read
//!   a preview through DNS rebinding.
//! - `GET` and `HEAD` only; anything else is `405`.
//! - Every connection has its own thread, read and write timeouts and a size limit on the
//!   request, and there is a cap on connections, so one slow or stuck client cannot freeze the
//!   others or exhaust the machine.
//!
//! Written here rather than taken from a crate because the server crates we could use either
//! do not let a handler bound the time spent writing to a client (tiny_http) or bring an async
//! runtime (axum, hyper), for a few hundred requests from one browser.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long a client may take to send its request, or to accept a response.
const TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client has to send the whole head of its request.
const HEAD_TIME: Duration = Duration::from_secs(2);
/// The largest request head read.
const MAX_HEAD: u64 = 16 * 1024;
/// At most this many connections are served at once; more are closed at once.
const MAX_CONNECTIONS: usize = 64;

/// A request as the handler sees it (`GET` or `HEAD`).
#[derive(Debug)]
pub struct Request {
    /// The request target as sent, e.g. `/versions/?x=1`.
    pub target: String,
}

/// A response.
#[derive(Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Header fields besides `Content-Length` and `Connection`.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a body of the given type.
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Response {
            status,
            headers: vec![
                ("Content-Type", content_type.to_owned()),
                ("Cache-Control", "no-store".to_owned()),
            ],
            body,
        }
    }

    /// A plain-text response.
    pub fn text(status: u16, text: &str) -> Self {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    /// A redirect to `location`.
    pub fn redirect(location: &str) -> Self {
        let mut r = Response::text(301, "moved");
        r.headers.push(("Location", location.to_owned()));
        r
    }
}

/// A bound listener on 127.0.0.1.
pub struct Server {
    listener: TcpListener,
    port: u16,
}

impl Server {
    /// Listens on 127.0.0.1 at `port`, or at 1111 (as Zola does) or any free port when none
    /// is given.
    pub fn bind(port: Option<u16>) -> io::Result<Server> {
        let listener = match port {
            Some(p) => TcpListener::bind(("127.0.0.1", p))?,
            None => TcpListener::bind(("127.0.0.1", 1111))
                .or_else(|_| TcpListener::bind(("127.0.0.1", 0)))?,
        };
        let port = listener.local_addr()?.port();
        Ok(Server { listener, port })
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves forever: each connection on its own thread, one request per connection.
    pub fn run(self, handler: impl Fn(&Request) -> Response + Send + Sync + 'static) {
        let handler = Arc::new(handler);
        let active = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                active.fetch_sub(1, Ordering::SeqCst);
                continue; // dropped: closed at once
            }
            let (handler, done, port) = (Arc::clone(&handler), Arc::clone(&active), self.port);
            let spawned = std::thread::Builder::new().spawn(move || {
                let _ = serve_connection(stream, port, &*handler);
                done.fetch_sub(1, Ordering::SeqCst);
            });
            if spawned.is_err() {
                active.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }
}

/// Whether a `Host` header names this server: a loopback name with the server's port.
fn host_allowed(host: &str, port: u16) -> bool {
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host.eq_ignore_ascii_case(&format!("{name}:{port}")))
}

/// A connection read until a deadline: every read waits only for the time left.
struct Timed<'a> {
    stream: &'a TcpStream,
    deadline: std::time::Instant,
}

impl io::Read for Timed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self
            .deadline
            .saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        (&mut &*self.stream).read(buf)
    }
}

/// The `Host` header of the rest of a request's head (`Some(None)` without one), or `None`
/// when the head does not end.
fn host_header(reader: &mut impl BufRead) -> io::Result<Option<Option<String>>> {
    let mut host = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 {
            return Ok(None);
        }
        let header = header.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            return Ok(Some(host));
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_owned());
        }
    }
}

fn serve_connection(
    stream: TcpStream,
    port: u16,
    handler: &(dyn Fn(&Request) -> Response + Sync),
) -> io::Result<()> {
    stream.set_write_timeout(Some(TIMEOUT))?;
    // The whole head must arrive within HEAD_TIME, however slowly it drips: one client cannot
    // hold the preview's connections (slowloris).
    let timed = Timed {
        stream: &stream,
        deadline: std::time::Instant::now() + HEAD_TIME,
    };
    let mut reader = BufReader::new(io::Read::take(timed, MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return respond(&stream, false, Response::text(400, "bad request"));
    };
    if !version.starts_with("HTTP/1.") {
        return respond(&stream, false, Response::text(505, "HTTP/1.x only"));
    }
    let Some(host) = host_header(&mut reader)? else {
        // The head did not end: too long, or the client went away.
        return respond(&stream, false, Response::text(431, "request too large"));
    };
    let head = method == "HEAD";
    if method != "GET" && !head {
        let mut r = Response::text(405, "only GET and HEAD");
        r.headers.push(("Allow", "GET, HEAD".to_owned()));
        return respond(&stream, false, r);
    }
    if !host.as_deref().is_some_and(|h| host_allowed(h, port)) {
        return respond(
            &stream,
            head,
            Response::text(
                421,
                "kohyo serve answers only requests for 127.0.0.1, localhost or [::1] with its port",
            ),
        );
    }
    let request = Request {
        target: target.to_owned(),
    };
    respond(&stream, head, handler(&request))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

fn respond(mut stream: &TcpStream, head_only: bool, r: Response) -> io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (name, value) in &r.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n",
        r.body.len()
    ));
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::host_allowed;

    #[test]
    fn only_loopback_hosts_with_the_port_are_allowed() {
        assert!(host_allowed("127.0.0.1:4000", 4000));
        assert!(host_allowed("localhost:4000", 4000));
        assert!(host_allowed("LOCALHOST:4000", 4000));
        assert!(host_allowed("[::1]:4000", 4000));
        for bad in [
            "localhost",
            "127.0.0.1:4001",
            "evil.example:4000",
            "localhost.evil.example:4000",
            "",
        ] {
            assert!(!host_allowed(bad, 4000), "{bad}");
        }
    }
}
