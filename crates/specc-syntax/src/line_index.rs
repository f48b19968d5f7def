//! Byte offsets to line/column positions, in the two units specc reports: UTF-8 bytes for the CLI and
//! JSON output, UTF-16 code units for the language server.
//!
//! Every conversion is O(log n): line starts are binary-searched, and on a line with a non-ASCII byte
//! UTF-16 columns come from a checkpoint recorded every [`CHECKPOINT_BYTES`] bytes plus at most that
//! many bytes counted. A minified single-line file with thousands of findings costs no more per finding
//! than a pretty-printed one. A line's checkpoints are recorded the first time a UTF-16 position on it
//! is asked for: the CLI's human output never needs them.

/// A 1-based line and 1-based column counted in UTF-8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// A 0-based line and 0-based character offset in UTF-16 code units, as the LSP specification wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LspPosition {
    pub line: u32,
    pub character: u32,
}

/// Distance between two UTF-16 checkpoints on a non-ASCII line: a position costs a binary search plus
/// counting at most this many bytes.
const CHECKPOINT_BYTES: usize = 256;

/// Start offsets of every line. `\n`, `\r\n` and a lone `\r` all end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Lines that contain a non-ASCII byte (sorted): on every other line UTF-16 columns equal byte
    /// columns, which makes LSP positions O(1) there.
    non_ascii: Vec<u32>,
    /// For each line of `non_ascii`, once asked for: `(byte offset, UTF-16 units from the line's
    /// start)` at the line start and then every [`CHECKPOINT_BYTES`] bytes (moved forward to a char
    /// boundary), sorted.
    checkpoints: Vec<std::sync::OnceLock<Vec<(u32, u32)>>>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
        let mut non_ascii = Vec::new();
        let mut line_start = 0usize;
        // Line ends are found with memchr and each line is tested for non-ASCII bytes in one
        // vectorised pass: this runs on every file, so it must cost little more than reading it.
        for end in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if end < line_start {
                // The `\n` of a `\r\n` pair, already consumed.
                continue;
            }
            if !bytes[line_start..end].is_ascii() {
                non_ascii.push(to_u32(starts.len() - 1));
            }
            let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') { end + 2 } else { end + 1 };
            starts.push(to_u32(next));
            line_start = next;
        }
        let line_start = line_start.min(bytes.len());
        if !bytes[line_start..].is_ascii() {
            non_ascii.push(to_u32(starts.len() - 1));
        }
        let checkpoints = non_ascii.iter().map(|_| std::sync::OnceLock::new()).collect();
        LineIndex { starts, non_ascii, checkpoints, len: to_u32(bytes.len()) }
    }

    /// The checkpoints of 0-based `line` when it has a non-ASCII byte (recorded on first use).
    fn line_checkpoints(&self, line: usize, text: &str) -> Option<&[(u32, u32)]> {
        let i = self.non_ascii.binary_search(&to_u32(line)).ok()?;
        let (start, end) = self.line_range(line, text)?;
        Some(self.checkpoints.get(i)?.get_or_init(|| checkpoint_line(text, start, end)))
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line of `offset` (offsets past the end map to the last line).
    pub fn line_of(&self, offset: u32) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l.saturating_sub(1),
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<u32> {
        self.starts.get(line).copied()
    }

    /// Byte range of 0-based `line`, without its line terminator.
    pub fn line_range(&self, line: usize, text: &str) -> Option<(usize, usize)> {
        let start = *self.starts.get(line)? as usize;
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&e| e as usize);
        let b = text.as_bytes();
        while end > start && matches!(b.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        Some((start, end))
    }

    /// 1-based line and 1-based UTF-8 byte column of `offset`.
    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.starts[line];
        LineCol { line: to_u32(line + 1), column: offset - start + 1 }
    }

    /// LSP position of `offset`. `text` must be the text this index was built from.
    pub fn lsp_position(&self, text: &str, offset: u32) -> LspPosition {
        let offset = floor_char_boundary(text, offset.min(self.len) as usize);
        let line = self.line_of(to_u32(offset));
        let start = self.starts[line] as usize;
        let character: usize = match self.line_checkpoints(line, text) {
            None => offset - start,
            Some(points) => {
                // The last checkpoint at or before `offset` (the line start is one).
                let i = points.partition_point(|&(at, _)| at as usize <= offset);
                let (at, units) = match i.checked_sub(1).and_then(|i| points.get(i)) {
                    Some(&(at, units)) if at as usize >= start => (at as usize, units as usize),
                    _ => (start, 0),
                };
                units + utf16_len(&text.as_bytes()[at.min(offset)..offset])
            }
        };
        LspPosition { line: to_u32(line), character: to_u32(character) }
    }

    /// Byte offset of an LSP position; characters past the line end clamp to it.
    pub fn offset_of_lsp(&self, text: &str, pos: LspPosition) -> u32 {
        let Some((start, end)) = self.line_range(pos.line as usize, text) else {
            return self.len;
        };
        let mut from = start;
        let mut units = 0u32;
        let Some(line_points) = self.line_checkpoints(pos.line as usize, text) else {
            return to_u32((start + pos.character as usize).min(end));
        };
        // The line's checkpoints' unit counts increase: start from the last one at or before the
        // wanted character.
        let i = line_points.partition_point(|&(_, u)| u <= pos.character);
        if let Some(&(at, u)) = i.checked_sub(1).and_then(|i| line_points.get(i)) {
            from = at as usize;
            units = u;
        }
        for (i, c) in text[from..end].char_indices() {
            if units >= pos.character {
                return to_u32(from + i);
            }
            units += to_u32(c.len_utf16());
        }
        to_u32(end)
    }
}

/// The checkpoints of the non-ASCII line `text[start..end]`.
fn checkpoint_line(text: &str, start: usize, end: usize) -> Vec<(u32, u32)> {
    let mut out = vec![(to_u32(start), 0)];
    let mut at = start;
    let mut units = 0usize;
    loop {
        let mut next = at + CHECKPOINT_BYTES;
        if next >= end {
            break;
        }
        while !text.is_char_boundary(next) {
            next += 1;
        }
        units += utf16_len(&text.as_bytes()[at..next]);
        out.push((to_u32(next), to_u32(units)));
        at = next;
    }
    out
}

/// UTF-16 code units of the valid UTF-8 `bytes` (which start and end at char boundaries): one per
/// char, two for a char of four bytes. Branch-free, so the compiler vectorises it.
fn utf16_len(bytes: &[u8]) -> usize {
    // Counted in 16-bit lanes over blocks short enough not to overflow them (two units per byte at
    // most), which the compiler vectorises far wider than a sum of `usize`.
    bytes
        .chunks(4096)
        .map(|block| {
            let units: u16 = block.iter().map(|&b| u16::from((b & 0xC0) != 0x80) + u16::from(b >= 0xF0)).sum();
            usize::from(units)
        })
        .sum()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_bytes_and_all_line_ends() {
        let text = "ab\r\ncd\ref\ngh";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(4), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(7), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(11), LineCol { line: 4, column: 2 });
        assert_eq!(idx.line_range(0, text), Some((0, 2)));
    }

    #[test]
    fn lsp_positions_count_utf16_units() {
        // "é" is 2 bytes / 1 UTF-16 unit, "😀" 4 bytes / 2 units.
        let text = "x: \"é😀\" bad";
        let idx = LineIndex::new(text);
        let bad = text.find("bad").unwrap() as u32;
        assert_eq!(idx.line_col(bad).column, bad + 1);
        let pos = idx.lsp_position(text, bad);
        assert_eq!(pos, LspPosition { line: 0, character: 9 });
        assert_eq!(idx.offset_of_lsp(text, pos), bad);
        // ASCII lines around a non-ASCII one take the fast path and still agree.
        let text = "ab\n\u{e9}\u{e9}x\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.lsp_position(text, 1), LspPosition { line: 0, character: 1 });
        assert_eq!(idx.lsp_position(text, 7), LspPosition { line: 1, character: 2 });
        assert_eq!(idx.lsp_position(text, 10), LspPosition { line: 2, character: 1 });
    }

    /// The definition: UTF-16 units from the line start, counted char by char.
    fn naive(text: &str, idx: &LineIndex, offset: usize) -> LspPosition {
        let offset = floor_char_boundary(text, offset);
        let line = idx.line_of(to_u32(offset));
        let start = idx.line_start(line).unwrap() as usize;
        let character = text[start..offset].chars().map(char::len_utf16).sum::<usize>();
        LspPosition { line: to_u32(line), character: to_u32(character) }
    }

    #[test]
    fn long_non_ascii_lines_agree_with_counting_every_char_at_every_offset() {
        // Long single lines of mixed widths (1-4 bytes, 1-2 units), so chars straddle checkpoints at
        // every alignment; short lines and the three line ends between them.
        let pieces = ["a", "é", "€", "😀", "\"k\": ", "ü😀x"];
        let mut text = String::new();
        let mut seed = 12345u32;
        for line in 0..6 {
            let n = [3000, 5, 0, 1200, 1, 700][line];
            for _ in 0..n {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
            }
            text.push_str(["\n", "\r\n", "\r", "\n", "\n", ""][line]);
        }
        let idx = LineIndex::new(&text);
        let recorded = |idx: &LineIndex| idx.checkpoints.iter().filter_map(|c| c.get()).map(Vec::len).sum::<usize>();
        assert_eq!(recorded(&idx), 0, "checkpoints are recorded on first use");
        for offset in 0..=text.len() + 2 {
            let want = naive(&text, &idx, offset.min(text.len()));
            let got = idx.lsp_position(&text, to_u32(offset));
            assert_eq!(got, want, "offset {offset}");
            if text.is_char_boundary(offset) && offset <= text.len() {
                let (s, e) = idx.line_range(got.line as usize, &text).unwrap();
                let back = idx.offset_of_lsp(&text, got) as usize;
                assert_eq!(back, offset.clamp(s, e), "round trip of offset {offset} ({got:?})");
            }
        }
        assert!(recorded(&idx) > 20, "the long lines must have checkpoints");
        // Characters past a line's end clamp to it.
        let last = to_u32(idx.line_count() - 1);
        let end = idx.line_range(last as usize, &text).unwrap().1;
        assert_eq!(idx.offset_of_lsp(&text, LspPosition { line: last, character: u32::MAX }) as usize, end);
    }
}
