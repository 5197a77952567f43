//! A large export read as a stream, never whole: [`Checked`] passes a file's
//! bytes on as `clippings_core::article::decode` would make its text — UTF-8
//! checked (an error names the line and byte offset), a UTF-8 BOM dropped,
//! UTF-16 refused, control characters made spaces — and keeps count of lines,
//! so a problem deep in a 50 MB feed is still named by its line.

use std::collections::VecDeque;
use std::io::{self, Read};

use clippings_core::article::ParseError;

/// `inner`'s bytes, checked and cleaned as they pass (see the module).
pub struct Checked<R> {
    inner: R,
    /// The start of a character that the last read cut off.
    pending: Vec<u8>,
    /// Bytes checked and not yet passed on (when asked for fewer than 8).
    ready: Vec<u8>,
    started: bool,
    /// Bytes passed on so far (a dropped BOM not counted, as in `decode`).
    offset: u64,
    /// Offsets of the newlines passed on and not yet counted into `line`.
    newlines: VecDeque<u64>,
    line: usize,
    /// Why the stream stopped, when the bytes were not UTF-8.
    pub failure: Option<ParseError>,
}

impl<R: Read> Checked<R> {
    pub fn new(inner: R) -> Self {
        Checked {
            inner,
            pending: Vec::new(),
            ready: Vec::new(),
            started: false,
            offset: 0,
            newlines: VecDeque::new(),
            line: 1,
            failure: None,
        }
    }

    /// The line (1-based) of byte `offset` of what was passed on. Offsets asked
    /// for must not go back (a feed is read forward).
    pub fn line_of(&mut self, offset: u64) -> usize {
        while self.newlines.front().is_some_and(|&n| n < offset) {
            self.newlines.pop_front();
            self.line += 1;
        }
        self.line
    }

    fn fail(&mut self, error: ParseError) -> io::Error {
        let message = error.to_string();
        self.failure = Some(error);
        io::Error::new(io::ErrorKind::InvalidData, message)
    }
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ready.is_empty() && buf.len() < 8 {
            // Room for a cut-off character and a BOM at least (BufReader gives 8 KB).
            let mut own = [0u8; 64];
            let n = self.fill(&mut own)?;
            self.ready.extend_from_slice(&own[..n]);
        }
        if !self.ready.is_empty() {
            let n = self.ready.len().min(buf.len());
            buf[..n].copy_from_slice(&self.ready[..n]);
            self.ready.drain(..n);
            return Ok(n);
        }
        self.fill(buf)
    }
}

impl<R: Read> Checked<R> {
    /// [`Read::read`] into a buffer of 8 bytes or more.
    fn fill(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let held = self.pending.len();
            buf[..held].copy_from_slice(&self.pending);
            self.pending.clear();
            let n = self.inner.read(&mut buf[held..])?;
            let mut end = held + n;
            if n == 0 && held == 0 {
                return Ok(0);
            }
            let mut from = 0;
            if !self.started {
                if n > 0 && end < 3 {
                    self.pending.extend_from_slice(&buf[..end]);
                    continue;
                }
                self.started = true;
                if buf[..end].starts_with(&[0xFF, 0xFE]) || buf[..end].starts_with(&[0xFE, 0xFF]) {
                    return Err(self.fail(ParseError::Utf16 { line: 1 }));
                }
                if buf[..end].starts_with(&[0xEF, 0xBB, 0xBF]) {
                    from = 3;
                }
            }
            if let Err(e) = std::str::from_utf8(&buf[from..end]) {
                let valid = from + e.valid_up_to();
                if e.error_len().is_some() || n == 0 {
                    // A byte that is no UTF-8 here, or a character the file cuts off.
                    let line = self.line_of(self.offset) + buf[from..valid].iter().filter(|&&b| b == b'\n').count();
                    let byte_offset = (self.offset + (valid - from) as u64) as usize;
                    return Err(self.fail(ParseError::InvalidUtf8 { line, byte_offset }));
                }
                self.pending.extend_from_slice(&buf[valid..end]);
                end = valid;
            }
            if end == from {
                continue;
            }
            let chunk = &mut buf[from..end];
            let mut i = 0;
            while i < chunk.len() {
                match chunk[i] {
                    b'\n' => self.newlines.push_back(self.offset + i as u64),
                    b'\t' | b'\r' => {}
                    0..=0x1F | 0x7F => chunk[i] = b' ',
                    // U+0080..U+009F, the C1 controls: two bytes, two spaces.
                    0xC2 if chunk.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)) => {
                        chunk[i] = b' ';
                        chunk[i + 1] = b' ';
                        i += 1;
                    }
                    _ => {}
                }
                i += 1;
            }
            let len = end - from;
            if from > 0 {
                buf.copy_within(from..end, 0);
            }
            self.offset += len as u64;
            return Ok(len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` through [`Checked`] in pieces of `step` bytes.
    fn through(bytes: &[u8], step: usize, buf_len: usize) -> Result<String, ParseError> {
        struct Drip<'a>(&'a [u8], usize);
        impl Read for Drip<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut c = Checked::new(Drip(bytes, step));
        let mut out = Vec::new();
        let mut buf = vec![0u8; buf_len];
        loop {
            match c.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(_) => return Err(c.failure.clone().expect("a failure is kept")),
            }
        }
        Ok(String::from_utf8(out).expect("UTF-8 out"))
    }

    #[test]
    fn passes_what_decode_passes_and_names_what_it_refuses() {
        let rows: &[&[u8]] = &[
            b"plain\ntext\n",
            "\u{feff}<rss>Caf\u{e9} \u{1F600}\u{200D}x</rss>".as_bytes(),
            "a\u{0}b\u{7}c\u{7f}d\u{85}e\u{9f}f\tg\r\nh".as_bytes(),
            b"line 1\nline 2\nCaf\xe9 on line 3\n",
            b"ok\n\xff\xfe",
            b"\xff\xfeu\x00t\x00f\x00",
            "cut off at the end: \u{e9}".as_bytes().split_last().unwrap().1,
            b"",
        ];
        for bytes in rows {
            let want = clippings_core::article::decode(bytes);
            for (step, buf_len) in [(1, 8), (2, 3), (3, 8192), (7, 9), (8192, 8192)] {
                let got = through(bytes, step, buf_len);
                match (&want, &got) {
                    // `decode` makes line ends LF; a stream keeps CR for the XML
                    // parser, which makes them LF in text (XML 1.0, 2.11).
                    // A C1 control (two bytes) becomes two spaces, not one.
                    (Ok(w), Ok(g)) => {
                        let spaced = |s: &str| s.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
                        assert_eq!(spaced(&g.replace("\r\n", "\n")), spaced(w), "{bytes:?} in steps of {step}")
                    }
                    (Err(w), Err(g)) => assert_eq!(g, w, "{bytes:?} in steps of {step}"),
                    _ => panic!("{bytes:?} in steps of {step}: decode {want:?}, stream {got:?}"),
                }
            }
        }
    }

    #[test]
    fn lines_are_counted_forward() {
        let text = "a\nbb\n\nccc\n";
        let mut c = Checked::new(text.as_bytes());
        let mut out = String::new();
        c.read_to_string(&mut out).unwrap();
        let rows = [(0, 1), (1, 1), (2, 2), (5, 3), (6, 4), (10, 5)];
        for (offset, line) in rows {
            assert_eq!(c.line_of(offset), line, "offset {offset}");
        }
    }
}
