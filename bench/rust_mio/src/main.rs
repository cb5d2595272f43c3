//! The Rust mio servers of the benchmarks, the ceiling the mio-ts servers
//! are measured against: `mio_bench echo PORT` and `mio_bench http PORT`
//! listen on 127.0.0.1:PORT until killed, and do what
//! bench/servers/echo_loop.ts and http_loop.ts do, the same way: one
//! edge-triggered loop with one 64 KiB buffer, connections in a vector
//! indexed by token (freed tokens reused), a read that fills less than the
//! buffer ends the connection's turn, and a write that comes up short keeps
//! what is left and stops reading that connection until it is writable.

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token};
use std::io::{self, ErrorKind, Read, Write};
use std::net::SocketAddr;

const LISTENER: Token = Token(0);
const BUFFER_SIZE: usize = 64 * 1024;
/// How many responses one precomputed write holds at most.
const MAX_BATCH: usize = 256;
const RESPONSE: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\nHello, World!";

/// What each connection's server keeps besides its socket.
trait Connection: Default {
    /// Serves one readiness event of `stream`; `Err` closes the connection.
    fn serve(
        &mut self,
        stream: &mut TcpStream,
        buffer: &mut [u8],
        read_closed: bool,
    ) -> io::Result<()>;
}

/// A read that ends at WouldBlock or an interruption: `Ok(None)`.
fn read(stream: &mut TcpStream, buffer: &mut [u8]) -> io::Result<Option<usize>> {
    loop {
        match stream.read(buffer) {
            Ok(n) => return Ok(Some(n)),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(None),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// A write that ends at WouldBlock: `Ok(None)`.
fn write(stream: &mut TcpStream, data: &[u8]) -> io::Result<Option<usize>> {
    loop {
        match stream.write(data) {
            Ok(n) => return Ok(Some(n)),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(None),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// An echo connection: the bytes read but not yet written back.
#[derive(Default)]
struct Echo {
    unsent: Vec<u8>,
}

/// The end of stream, as an error that closes the connection.
fn closed() -> io::Error {
    io::Error::new(ErrorKind::UnexpectedEof, "closed by the peer")
}

impl Connection for Echo {
    fn serve(
        &mut self,
        stream: &mut TcpStream,
        buffer: &mut [u8],
        read_closed: bool,
    ) -> io::Result<()> {
        if !self.unsent.is_empty() {
            match write(stream, &self.unsent)? {
                None => return Ok(()),
                Some(w) if w < self.unsent.len() => {
                    self.unsent.drain(..w);
                    return Ok(());
                }
                Some(_) => self.unsent.clear(),
            }
        }
        loop {
            let n = match read(stream, buffer)? {
                None => return Ok(()),
                Some(0) => return Err(closed()),
                Some(n) => n,
            };
            let written = write(stream, &buffer[..n])?.unwrap_or(0);
            if written < n {
                self.unsent.extend_from_slice(&buffer[written..n]);
                return Ok(());
            }
            if n < buffer.len() && !read_closed {
                return Ok(());
            }
        }
    }
}

/// An HTTP connection: response bytes owed, and how much of "\r\n\r" the bytes read end with.
#[derive(Default)]
struct Http {
    owed: usize,
    matched: u8,
}

/// The length of one response.
const L: usize = RESPONSE.len();
/// `MAX_BATCH` responses back to back.
static RUN: [u8; L * MAX_BATCH] = responses();

/// `MAX_BATCH` copies of `RESPONSE`, built at compile time.
const fn responses() -> [u8; L * MAX_BATCH] {
    let mut out = [0u8; L * MAX_BATCH];
    let mut i = 0;
    while i < out.len() {
        out[i] = RESPONSE[i % L];
        i += 1;
    }
    out
}

impl Http {
    /// Counts the requests `bytes` complete, carrying a partial "\r\n\r\n" over.
    fn count_requests(&mut self, bytes: &[u8]) -> usize {
        let mut state = self.matched;
        let mut count = 0;
        for &b in bytes {
            state = match (b, state) {
                (b'\r', 2) => 3,
                (b'\r', _) => 1,
                (b'\n', 3) => {
                    count += 1;
                    0
                }
                (b'\n', 1) => 2,
                _ => 0,
            };
        }
        self.matched = state;
        count
    }

    /// Writes what is owed; true once nothing is.
    fn flush(&mut self, stream: &mut TcpStream) -> io::Result<bool> {
        while self.owed > 0 {
            // What is owed ends with whole responses, so it starts `offset` bytes into one.
            let offset = (L - self.owed % L) % L;
            let length = self.owed.min(RUN.len() - offset);
            match write(stream, &RUN[offset..offset + length])? {
                None => break,
                Some(w) => self.owed -= w,
            }
        }
        Ok(self.owed == 0)
    }
}

impl Connection for Http {
    fn serve(
        &mut self,
        stream: &mut TcpStream,
        buffer: &mut [u8],
        read_closed: bool,
    ) -> io::Result<()> {
        if !self.flush(stream)? {
            return Ok(());
        }
        loop {
            let n = match read(stream, buffer)? {
                None => return Ok(()),
                Some(0) => return Err(closed()),
                Some(n) => n,
            };
            let requests = self.count_requests(&buffer[..n]);
            if requests > 0 {
                self.owed = requests * L;
                if !self.flush(stream)? {
                    return Ok(());
                }
            }
            if n < buffer.len() && !read_closed {
                return Ok(());
            }
        }
    }
}

/// Runs the server of connection type `C` on 127.0.0.1:`port` until killed.
fn serve<C: Connection>(name: &str, port: u16) -> io::Result<()> {
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(1024);
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    let mut listener = TcpListener::bind(addr)?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let mut buffer = vec![0u8; BUFFER_SIZE];
    // Indexed by token; token 0 is the listener.
    let mut conns: Vec<Option<(TcpStream, C)>> = vec![None];
    let mut free: Vec<usize> = Vec::new();
    println!("{}: rust mio, 127.0.0.1:{}", name, port);
    loop {
        if let Err(e) = poll.poll(&mut events, None) {
            if e.kind() == ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        for event in events.iter() {
            if event.token() == LISTENER {
                loop {
                    let mut stream = match listener.accept() {
                        Ok((stream, _)) => stream,
                        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                        Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                        Err(e) => return Err(e),
                    };
                    stream.set_nodelay(true)?;
                    let token = free.pop().unwrap_or(conns.len());
                    poll.registry().register(
                        &mut stream,
                        Token(token),
                        Interest::READABLE | Interest::WRITABLE,
                    )?;
                    if token == conns.len() {
                        conns.push(Some((stream, C::default())));
                    } else {
                        conns[token] = Some((stream, C::default()));
                    }
                }
                continue;
            }
            let token = event.token().0;
            // None: closed earlier in this batch.
            let (stream, conn) = match conns[token].as_mut() {
                Some(open) => open,
                None => continue,
            };
            if conn
                .serve(stream, &mut buffer, event.is_read_closed())
                .is_err()
            {
                // Reset by the peer, its end of stream, or another error of this connection alone.
                conns[token] = None;
                free.push(token);
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let port = args
        .get(2)
        .and_then(|p| p.parse::<u16>().ok())
        .filter(|&p| p > 0);
    let result = match (args.get(1).map(String::as_str), port) {
        (Some("echo"), Some(port)) => serve::<Echo>("echo", port),
        (Some("http"), Some(port)) => serve::<Http>("http", port),
        _ => {
            eprintln!("usage: mio_bench echo|http PORT");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("mio_bench: {}", e);
        std::process::exit(1);
    }
}
