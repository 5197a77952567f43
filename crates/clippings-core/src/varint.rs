//! LEB128 unsigned varints, the building block of postings and the codec.

pub fn write(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads one varint; `None` when the bytes end early or it overflows 32 bits.
pub fn read(bytes: &[u8]) -> Option<(u32, usize)> {
    // Most values (frequent words, small gaps) are one byte.
    if let Some(&b) = bytes.first().filter(|&&b| b < 0x80) {
        return Some((u32::from(b), 1));
    }
    let mut v: u32 = 0;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        let part = (b & 0x7F) as u32;
        if i == 4 && part > 0x0F {
            return None;
        }
        v |= part << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

/// Reads varints one after another from `bytes`, starting at `at`.
pub struct Cursor<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(bytes: &'a [u8], at: usize) -> Cursor<'a> {
        Cursor { bytes, at }
    }

    /// The next varint; `None` when the bytes end early or it overflows.
    pub fn next(&mut self) -> Option<u32> {
        let (v, used) = read(self.bytes.get(self.at..)?)?;
        self.at += used;
        Some(v)
    }

    /// The next `n` raw bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips(v: u32) {
            let mut buf = Vec::new();
            write(&mut buf, v);
            prop_assert_eq!(read(&buf), Some((v, buf.len())));
        }
    }

    #[test]
    fn rejects_truncated_and_overflowing() {
        assert_eq!(read(&[0x80]), None);
        assert_eq!(read(&[0xFF, 0xFF, 0xFF, 0xFF, 0x7F]), None);
        assert_eq!(read(&[]), None);
        assert_eq!(read(&[0x7F]), Some((127, 1)));
    }
}
