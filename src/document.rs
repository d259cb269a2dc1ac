//! Turning raw bytes into text: gzip, size limit, binary detection, charset decoding,
//! and sniffing whether the text is HTML or plain text.

use std::borrow::Cow;
use std::io::Read;

use encoding_rs::Encoding;

use crate::error::CleanError;
use crate::record::InputKind;

/// A decoded input.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Bytes after decompression.
    pub input_bytes: usize,
    /// Notes about the decoding (for example replacement characters inserted).
    pub warnings: Vec<String>,
}

/// How many leading bytes the binary heuristic looks at.
const BINARY_SAMPLE: usize = 8 * 1024;
/// Share of control bytes in the sample above which the content counts as binary.
const BINARY_CONTROL_SHARE: f64 = 0.10;
/// How many leading bytes are searched for a `<meta charset>` declaration.
const META_SCAN: usize = 1024;
/// How many leading bytes are given to the charset detector.
const DETECT_SAMPLE: usize = 256 * 1024;
/// How many leading bytes of text the HTML sniffer looks at for tags.
const SNIFF_SAMPLE: usize = 2 * 1024;
/// Distinct HTML element names in the sample from which content is clearly HTML.
const SNIFF_CLEAR_TAGS: usize = 3;

/// Decompress (gzip, by magic bytes), check the size limit, reject binary content and
/// decode to text.
///
/// The charset is chosen in this order: a byte order mark; UTF-16 without a byte
/// order mark (NULs in every other position of the first few KiB, mostly ASCII in
/// the rest); valid UTF-8; a declared charset — except that a single-byte declaration
/// (latin-1, windows-125x ...) loses to UTF-8 when the bytes are nearly all valid
/// UTF-8 with multi-byte sequences, the classic scraped page that says latin-1 but is
/// UTF-8; mostly valid UTF-8; finally a detected charset.
///
/// The decoded text is then checked for mojibake — UTF-8 that was decoded as
/// Latin-1/windows-1252 before the page was saved, so that its bytes are valid UTF-8
/// spelling "doesnâ€™t" or "Ã¼ber". When every non-ASCII character of the text is part
/// of such a sequence, the whole text is re-decoded; otherwise only the unmistakable
/// sequences (those starting with `Â`, `Ã` or `â` followed by characters from the
/// byte range 0x80–0xBF) are repaired. Repairs are repeated for doubly encoded text
/// and noted in the warnings. See `repair_mojibake`.
///
/// `http_charset` is the charset of the HTTP `Content-Type` the document was served
/// with, if known: it comes after a byte order mark and before a declaration in the
/// page, and like one it loses to UTF-8 when the bytes are UTF-8 (a server's default
/// `charset=ISO-8859-1` on a UTF-8 page is common). A UTF-16 charset is followed only
/// when the bytes hold NULs, as UTF-16 text of any length does.
pub fn decode(
    bytes: &[u8],
    max_bytes: usize,
    http_charset: Option<&'static Encoding>,
) -> Result<Decoded, CleanError> {
    if bytes.len() > max_bytes {
        return Err(CleanError::TooLarge { limit: max_bytes });
    }
    let raw = decompress(bytes, max_bytes)?;
    let declared_utf16 =
        http_charset.filter(|e| is_utf16(e) && !has_utf16_bom(&raw) && raw.contains(&0));
    let bomless_utf16 = utf16_without_bom(&raw);
    if declared_utf16.is_none() && bomless_utf16.is_none() {
        reject_binary(&raw)?;
    }
    let http_charset = http_charset.filter(|e| !is_utf16(e));
    let mut warnings = Vec::new();
    let input_bytes = raw.len();
    let text = match (declared_utf16, bomless_utf16) {
        (Some(encoding), _) => decode_with(encoding, &raw, &mut warnings),
        (None, Some(encoding)) => decode_utf16_without_bom(encoding, &raw, &mut warnings),
        (None, None) => decode_charset(raw, http_charset, &mut warnings),
    };
    let text = repair_mojibake(text, &mut warnings);
    let text = strip_nuls(text, &mut warnings);
    Ok(Decoded {
        text: normalize_newlines(text),
        input_bytes,
        warnings,
    })
}

/// Whether the bytes start with the gzip magic number.
fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Gunzip `bytes` when they are gzip data, reading at most `max_bytes` of output.
fn decompress(bytes: &[u8], max_bytes: usize) -> Result<Cow<'_, [u8]>, CleanError> {
    if !is_gzip(bytes) {
        return Ok(Cow::Borrowed(bytes));
    }
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut out = Vec::with_capacity(gunzipped_size_hint(bytes, max_bytes));
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| CleanError::Gzip(e.to_string()))?;
    if out.len() > max_bytes {
        return Err(CleanError::TooLarge { limit: max_bytes });
    }
    Ok(Cow::Owned(out))
}

/// Room for the gunzipped bytes: the size the gzip trailer records (of the last member,
/// modulo 4 GiB, so only a hint), held to `max_bytes` and to a generous ratio of the
/// compressed size, plus one byte so that reading to the end needs no second allocation.
fn gunzipped_size_hint(bytes: &[u8], max_bytes: usize) -> usize {
    /// No real page expands more than this from its gzip size.
    const MOST_RATIO: usize = 64;
    let trailer = bytes
        .len()
        .checked_sub(4)
        .and_then(|at| bytes.get(at..))
        .and_then(|tail| <[u8; 4]>::try_from(tail).ok())
        .map_or(0, u32::from_le_bytes);
    let recorded = usize::try_from(trailer).unwrap_or(usize::MAX);
    recorded
        .min(max_bytes)
        .min(bytes.len().saturating_mul(MOST_RATIO))
        .saturating_add(1)
}

/// File signatures of common binary formats, with a description for the error.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"\x1f\x8b", "nested gzip data"),
    (b"BZh91AY&SY", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (b"\x00asm", "WebAssembly module"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"SQLite format 3\x00", "SQLite database"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "OLE2 (legacy Office) document",
    ),
];

/// Describe the binary format `bytes` start with, if it is a known one.
fn known_magic(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, name)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(name);
    }
    if bytes.starts_with(b"RIFF") && bytes.len() >= 12 {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF media",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4/QuickTime media");
    }
    if bytes.starts_with(b"ID3") && bytes.get(3).is_some_and(|v| *v < 0x10) {
        return Some("MP3 audio");
    }
    None
}

/// Whether a byte is a control character that does not occur in text
/// (everything below 0x20 except tab, line feed, form feed, carriage return and escape, plus DEL).
fn is_binary_control(byte: u8) -> bool {
    matches!(byte, 0x00..=0x08 | 0x0b | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f)
}

/// Whether the bytes start with a UTF-16 byte order mark.
fn has_utf16_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff])
}

/// Reject content with a known binary signature or a high share of control bytes.
fn reject_binary(bytes: &[u8]) -> Result<(), CleanError> {
    if let Some(name) = known_magic(bytes) {
        return Err(CleanError::Binary(name.to_string()));
    }
    if has_utf16_bom(bytes) {
        return Ok(());
    }
    let sample = &bytes[..bytes.len().min(BINARY_SAMPLE)];
    let controls = sample.iter().filter(|b| is_binary_control(**b)).count();
    if !sample.is_empty() && controls as f64 / sample.len() as f64 > BINARY_CONTROL_SHARE {
        let share = 100 * controls / sample.len();
        return Err(CleanError::Binary(format!(
            "{share}% control bytes in the first {} bytes",
            sample.len()
        )));
    }
    Ok(())
}

/// Whether an encoding is one of the UTF-16 variants.
fn is_utf16(encoding: &&'static Encoding) -> bool {
    *encoding == encoding_rs::UTF_16LE || *encoding == encoding_rs::UTF_16BE
}

/// Decode the bytes to text: byte order mark, valid UTF-8, the HTTP charset, the
/// charset declared in the page, mostly UTF-8, detected charset — the first that applies.
fn decode_charset(
    raw: Cow<'_, [u8]>,
    http_charset: Option<&'static Encoding>,
    warnings: &mut Vec<String>,
) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&raw) {
        return decode_with(encoding, &raw[bom_len..], warnings);
    }
    let raw = match raw {
        // Gunzipped bytes become the text without a copy.
        Cow::Owned(bytes) => match String::from_utf8(bytes) {
            Ok(text) => return text,
            Err(error) => Cow::Owned(error.into_bytes()),
        },
        Cow::Borrowed(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => return text.to_owned(),
            Err(_) => Cow::Borrowed(bytes),
        },
    };
    let bytes: &[u8] = &raw;
    if let Some(encoding) = http_charset.or_else(|| declared_charset(bytes)) {
        if encoding.is_single_byte() && nearly_all_utf8(bytes) {
            warnings.push(format!(
                "declared {} but the bytes are UTF-8; decoded as UTF-8",
                encoding.name()
            ));
            return decode_with(encoding_rs::UTF_8, bytes, warnings);
        }
        return decode_with(encoding, bytes, warnings);
    }
    if mostly_utf8(bytes) {
        return decode_with(encoding_rs::UTF_8, bytes, warnings);
    }
    let encoding = detect_charset(bytes);
    warnings.push(format!(
        "no charset declared; decoded as detected {}",
        encoding.name()
    ));
    decode_with(encoding, bytes, warnings)
}

/// Decode with `encoding`, noting in `warnings` when replacement characters were inserted.
fn decode_with(encoding: &'static Encoding, bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let name = if encoding == encoding_rs::UTF_8 {
            "UTF-8".to_string()
        } else {
            encoding.name().to_string()
        };
        warnings.push(format!(
            "invalid {name} decoded with replacement characters"
        ));
    }
    text.into_owned()
}

/// Counts of valid multi-byte UTF-8 characters and of invalid byte runs in `bytes`.
fn utf8_counts(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (valid, invalid)
}

/// Whether input that is not valid UTF-8 is still mostly UTF-8: it holds valid
/// multi-byte sequences, at least as many as invalid ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (valid, invalid) = utf8_counts(bytes);
    valid > 0 && valid >= invalid
}

/// Valid multi-byte UTF-8 characters needed before UTF-8 overrides a declared
/// single-byte charset.
const UTF8_OVERRIDE_MIN: usize = 3;
/// Valid multi-byte UTF-8 characters needed per invalid byte run for that override.
const UTF8_OVERRIDE_RATIO: usize = 10;

/// Whether the bytes are nearly all valid UTF-8: a few multi-byte sequences and at
/// most one invalid byte run per ten of them. Text really in a single-byte charset
/// almost never forms valid multi-byte sequences (a Latin-1 `é` is followed by ASCII),
/// so this overrides a single-byte declaration safely.
fn nearly_all_utf8(bytes: &[u8]) -> bool {
    let (valid, invalid) = utf8_counts(bytes);
    valid >= UTF8_OVERRIDE_MIN && invalid.saturating_mul(UTF8_OVERRIDE_RATIO) <= valid
}

/// Guess the charset of undeclared, non-UTF-8 bytes with chardetng.
fn detect_charset(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(DETECT_SAMPLE)];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// The encoding declared by a `<meta charset>` or `http-equiv` content-type in the
/// first kilobyte, if any is declared and known.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_SCAN)].to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(start) = find(rest, b"<meta") {
        let tag = &rest[start..];
        let end = tag.iter().position(|b| *b == b'>').unwrap_or(tag.len());
        if let Some(encoding) = charset_in_tag(&tag[..end]) {
            return Some(encoding);
        }
        rest = &tag[end..];
    }
    None
}

/// The encoding named by a `charset=` inside one (lower-cased) meta tag.
fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let at = find(tag, b"charset")?;
    let after = trim_start(&tag[at + b"charset".len()..]);
    let value = trim_start(after.strip_prefix(b"=")?);
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(value.len());
    let encoding = Encoding::for_label(&value[..end])?;
    // A page that could be read to find this declaration is ASCII-compatible, so a
    // UTF-16 label is wrong; browsers read it as UTF-8.
    Some(encoding.output_encoding())
}

/// The position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The bytes without leading ASCII white space.
fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[skip..]
}

/// How many leading bytes the UTF-16 (no byte order mark) detector looks at.
const UTF16_SAMPLE: usize = 4 * 1024;
/// Fewest code units in the sample for the UTF-16 detector to decide.
const UTF16_MIN_UNITS: usize = 8;
/// Share of code units that must have a NUL in the high byte and a printable ASCII or
/// white-space byte in the low byte.
const UTF16_ASCII_SHARE: f64 = 0.7;

/// The UTF-16 variant of bytes without a byte order mark, if they look like UTF-16:
/// in the first 4 KiB, most two-byte units are an ASCII character next to a NUL, all
/// on the same side (NUL first: big-endian; NUL second: little-endian), and the other
/// side holds no NULs at all.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE)];
    let units: Vec<[u8; 2]> = sample.chunks_exact(2).map(|c| [c[0], c[1]]).collect();
    if units.len() < UTF16_MIN_UNITS || has_utf16_bom(bytes) {
        return None;
    }
    let ascii_like = |b: u8| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let share = |pred: &dyn Fn(&[u8; 2]) -> bool| {
        units.iter().filter(|u| pred(u)).count() as f64 / units.len() as f64
    };
    let le = share(&|u| u[1] == 0 && ascii_like(u[0]));
    let be = share(&|u| u[0] == 0 && ascii_like(u[1]));
    let nul_low = units.iter().any(|u| u[0] == 0);
    let nul_high = units.iter().any(|u| u[1] == 0);
    if le >= UTF16_ASCII_SHARE && !nul_low {
        Some(encoding_rs::UTF_16LE)
    } else if be >= UTF16_ASCII_SHARE && !nul_high {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decode UTF-16 found without a byte order mark, noting the guess in `warnings`.
fn decode_utf16_without_bom(
    encoding: &'static Encoding,
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> String {
    warnings.push(format!(
        "no byte order mark; decoded as detected {}",
        encoding.name()
    ));
    decode_with(encoding, bytes, warnings)
}

/// Most decoding passes [`repair_mojibake`] makes (for doubly and triply encoded text).
const MOJIBAKE_PASSES: usize = 3;

/// The windows-1252 characters for the bytes 0x80–0x9F that are not C1 controls.
const WINDOWS_1252_HIGH: &[(char, u8)] = &[
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8a),
    ('‹', 0x8b),
    ('Œ', 0x8c),
    ('Ž', 0x8e),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9a),
    ('›', 0x9b),
    ('œ', 0x9c),
    ('ž', 0x9e),
    ('Ÿ', 0x9f),
];

/// The byte a character came from if UTF-8 was wrongly decoded as Latin-1 or
/// windows-1252: U+0080–U+00FF map to themselves, windows-1252 extras to 0x80–0x9F.
fn mojibake_byte(c: char) -> Option<u8> {
    if let Ok(byte) = u8::try_from(u32::from(c)) {
        return (byte >= 0x80).then_some(byte);
    }
    WINDOWS_1252_HIGH
        .iter()
        .find(|(ch, _)| *ch == c)
        .map(|(_, byte)| *byte)
}

/// One mojibake sequence found in a text.
struct Mojibake {
    /// Byte offset of the sequence in the text.
    start: usize,
    /// Byte offset just after the sequence.
    end: usize,
    /// The character the sequence should have been.
    repaired: char,
    /// Whether the sequence is unmistakable (starts with `Â`, `Ã` or `â`).
    strong: bool,
}

/// The mojibake sequence starting at `start` in `text`, if one does: a character
/// standing for a UTF-8 lead byte followed by as many characters standing for
/// continuation bytes (0x80–0xBF) as it needs, together valid UTF-8.
fn mojibake_at(text: &str, start: usize) -> Option<Mojibake> {
    let mut chars = text[start..].char_indices();
    let (_, lead_char) = chars.next()?;
    let lead = mojibake_byte(lead_char)?;
    let len = match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let mut bytes = vec![lead];
    let mut end = start + lead_char.len_utf8();
    for (at, c) in chars.take(len - 1) {
        let byte = mojibake_byte(c).filter(|b| (0x80..=0xbf).contains(b))?;
        bytes.push(byte);
        end = start + at + c.len_utf8();
    }
    let repaired = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    (bytes.len() == len).then_some(Mojibake {
        start,
        end,
        repaired,
        strong: matches!(lead, 0xc2 | 0xc3 | 0xe2),
    })
}

/// The length of the ASCII run `bytes` start with, read eight bytes at a time.
fn ascii_run(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut run = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or([0x80; 8]));
        if word & HIGH_BITS != 0 {
            break;
        }
        run += 8;
    }
    run + bytes[run..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - run)
}

/// All mojibake sequences in `text`, and how many non-ASCII characters lie outside them.
fn find_mojibake(text: &str) -> (Vec<Mojibake>, usize) {
    let mut found = Vec::new();
    let mut outside = 0usize;
    let mut at = 0usize;
    while let Some(c) = text[at..].chars().next() {
        if c.is_ascii() {
            // Skip the whole ASCII run at once.
            at += ascii_run(&text.as_bytes()[at..]);
            continue;
        }
        match mojibake_at(text, at) {
            Some(seq) => {
                at = seq.end;
                found.push(seq);
            }
            None => {
                outside += 1;
                at += c.len_utf8();
            }
        }
    }
    (found, outside)
}

/// One repair pass: every sequence when the whole text is mojibake (no other non-ASCII
/// characters, at least one unmistakable sequence), otherwise the unmistakable ones.
/// Returns the text and the number of sequences repaired.
fn repair_pass(text: &str) -> (String, usize) {
    let (found, outside) = find_mojibake(text);
    let whole = outside == 0 && found.iter().any(|s| s.strong);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0usize;
    let mut repaired = 0usize;
    for seq in found.iter().filter(|s| whole || s.strong) {
        out.push_str(&text[copied..seq.start]);
        out.push(seq.repaired);
        copied = seq.end;
        repaired += 1;
    }
    out.push_str(&text[copied..]);
    (out, repaired)
}

/// Repair UTF-8 text that was decoded as Latin-1 or windows-1252 before it reached
/// us ("doesnâ€™t" → "doesn’t", "Ã¼ber" → "über"), as careful extractors (ftfy) do.
///
/// A sequence is a character standing for a UTF-8 lead byte followed by characters
/// standing for the continuation bytes it needs (U+0080–U+00FF as themselves,
/// windows-1252 punctuation as 0x80–0x9F). When every non-ASCII character of the text
/// belongs to such a sequence and at least one starts with `Â`, `Ã` or `â`, the whole
/// text is mojibake and all sequences are repaired. Otherwise (a correct page with
/// some mojibake pasted in) only sequences starting with `Â`, `Ã` or `â` are repaired:
/// those three followed by 0x80–0xBF characters practically never occur in real text,
/// while others (a German `ß“`) do. Up to three passes undo repeated encoding; the
/// number of repairs goes into `warnings`.
pub fn repair_mojibake(text: String, warnings: &mut Vec<String>) -> String {
    let mut text = text;
    let mut total = 0usize;
    for _ in 0..MOJIBAKE_PASSES {
        if !has_strong_lead(&text) {
            // A pass repairs nothing without an unmistakable sequence.
            break;
        }
        let (repaired, count) = repair_pass(&text);
        if count == 0 {
            break;
        }
        text = repaired;
        total += count;
    }
    if total > 0 {
        warnings.push(format!(
            "repaired {total} mojibake sequence(s) (UTF-8 decoded as Latin-1/windows-1252)"
        ));
    }
    text
}

/// Whether `text` holds `Â`, `Ã` or `â` (U+00C2, U+00C3, U+00E2: the UTF-8 bytes C3 82,
/// C3 83, C3 A2), the leads of the unmistakable mojibake sequences: without one a
/// repair pass changes nothing, so most texts skip the character-by-character scan.
fn has_strong_lead(text: &str) -> bool {
    // One vectorised search for the shared first byte, each hit checked by its second.
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xc3, bytes).any(|at| matches!(bytes.get(at + 1), Some(0x82 | 0x83 | 0xa2)))
}

/// Remove NUL characters (stray bytes in otherwise textual content), with a warning.
fn strip_nuls(text: String, warnings: &mut Vec<String>) -> String {
    if memchr::memchr(0, text.as_bytes()).is_none() {
        return text;
    }
    let count = text.matches('\0').count();
    warnings.push(format!("removed {count} NUL character(s)"));
    text.replace('\0', "")
}

/// Turn CRLF and lone CR line ends into LF, in one pass (a text without CR is
/// returned as it is).
fn normalize_newlines(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\r');
    out.push_str(lines.next().unwrap_or_default());
    for line in lines {
        out.push('\n');
        out.push_str(line.strip_prefix('\n').unwrap_or(line));
    }
    out
}

/// Decide whether `text` is an HTML page or plain text.
///
/// The content decides when it is clear: a document starting (after a byte order mark,
/// white space, comments and an XML prolog) with `<!doctype html`, `<html`, `<head` or
/// `<body`, or one with at least three distinct HTML element names in its first 2 KiB,
/// is HTML; one with no HTML element at all is text. In between (one or two element
/// names), a `.html`/`.htm` extension (optionally followed by `.gz`) in `name_hint`
/// breaks the tie; without it the input is text.
pub fn sniff(text: &str, name_hint: Option<&str>) -> InputKind {
    let start = skip_prologue(text);
    let head = prefix(start, 20).to_ascii_lowercase();
    if ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|p| head.starts_with(p))
    {
        return InputKind::Html;
    }
    match distinct_tags(prefix(start, SNIFF_SAMPLE)) {
        0 => InputKind::Text,
        n if n >= SNIFF_CLEAR_TAGS => InputKind::Html,
        _ if name_hint.is_some_and(has_html_extension) => InputKind::Html,
        _ => InputKind::Text,
    }
}

/// Whether a file name ends in `.html`, `.htm`, `.xhtml`, or one of those plus `.gz`.
pub fn has_html_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    [".html", ".htm", ".xhtml"]
        .iter()
        .any(|e| stem.ends_with(e))
}

/// The text after a byte order mark, white space, HTML comments and `<?xml ...?>` prologs.
fn skip_prologue(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        let skipped = if rest.starts_with("<!--") {
            rest.find("-->").map(|end| &rest[end + 3..])
        } else if rest.starts_with("<?") {
            rest.find("?>").map(|end| &rest[end + 2..])
        } else {
            None
        };
        match skipped {
            Some(after) => rest = after,
            None => return rest,
        }
    }
}

/// At most `max` bytes of `text`, cut at a character boundary.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Common HTML element names the sniffer recognises.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "article",
    "aside",
    "b",
    "blockquote",
    "body",
    "br",
    "div",
    "em",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "script",
    "section",
    "span",
    "strong",
    "style",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// How many distinct known HTML element names occur as tags (`<p>`, `</div>`, `<a href`).
fn distinct_tags(text: &str) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for (at, _) in text.match_indices('<') {
        if let Some(name) = tag_name(&text[at + 1..]) {
            if !seen.contains(&name) {
                seen.push(name);
            }
        }
    }
    seen.len()
}

/// The known element name of a tag whose text follows `<`, if it is one.
fn tag_name(after_lt: &str) -> Option<&'static str> {
    let body = after_lt.strip_prefix('/').unwrap_or(after_lt);
    let len = body
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let terminated = matches!(
        body.as_bytes().get(len),
        Some(b'>' | b'/' | b' ' | b'\t' | b'\n')
    );
    if len == 0 || !terminated {
        return None;
    }
    let name = body[..len].to_ascii_lowercase();
    HTML_ELEMENTS.iter().find(|e| **e == name).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn ascii_run_stops_at_the_first_non_ascii_byte() {
        assert_eq!(ascii_run(b""), 0);
        assert_eq!(ascii_run(b"plain"), 5);
        assert_eq!(ascii_run("sixteen bytes ok".as_bytes()), 16);
        assert_eq!(ascii_run("eight b\u{e9}".as_bytes()), 7);
        assert_eq!(
            ascii_run("a longer run of ascii \u{c2}\u{a0}".as_bytes()),
            22
        );
        assert_eq!(ascii_run("\u{e9}".as_bytes()), 0);
    }

    /// [`super::decode`] with no HTTP charset.
    fn decode(bytes: &[u8], max_bytes: usize) -> Result<Decoded, CleanError> {
        super::decode(bytes, max_bytes, None)
    }

    #[test]
    fn http_charset_decodes_bytes_that_declare_nothing() {
        let text = "Le café où nous étions était fermé, à cause de la grève.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let decoded = super::decode(&bytes, 1000, Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!(decoded.text, text);
        assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    }

    #[test]
    fn http_charset_wins_over_the_page_but_not_over_a_bom_or_utf8() {
        let page = "<meta charset=windows-1251><p>Привет</p>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(page);
        let koi8 = Some(encoding_rs::KOI8_R);
        assert!(super::decode(&bytes, 1000, koi8)
            .unwrap()
            .text
            .contains("Привет"));
        assert!(!decode(&bytes, 1000).unwrap().text.contains("Привет"));
        let utf8 = "<p>Grüße, schöne Grüße aus Köln</p>".as_bytes();
        let latin1 = Some(encoding_rs::WINDOWS_1252);
        assert_eq!(
            super::decode(utf8, 1000, latin1).unwrap().text,
            "<p>Grüße, schöne Grüße aus Köln</p>"
        );
        let mut bom = vec![0xef, 0xbb, 0xbf];
        bom.extend_from_slice("é".as_bytes());
        assert_eq!(super::decode(&bom, 1000, latin1).unwrap().text, "é");
    }

    #[test]
    fn http_utf16_charset_reads_text_without_a_bom() {
        let text = "Заголовок статьи";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let decoded = super::decode(&bytes, 1000, Some(encoding_rs::UTF_16LE)).unwrap();
        assert_eq!(decoded.text, text);
        assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
        let ascii = super::decode(b"plain words", 1000, Some(encoding_rs::UTF_16LE)).unwrap();
        assert_eq!(ascii.text, "plain words");
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn plain_utf8_passes_through_without_warnings() {
        let decoded = decode("Grüße aus Köln\r\nZweite Zeile\rDritte".as_bytes(), 1000).unwrap();
        assert_eq!(decoded.text, "Grüße aus Köln\nZweite Zeile\nDritte");
        assert!(decoded.warnings.is_empty());
        assert_eq!(
            decoded.input_bytes,
            "Grüße aus Köln\r\nZweite Zeile\rDritte".len()
        );
    }

    #[test]
    fn utf16le_with_bom_is_decoded_not_binary() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Заголовок\nтекст статьи".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes, 1000).unwrap();
        assert_eq!(decoded.text, "Заголовок\nтекст статьи");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn utf16be_with_bom_is_decoded() {
        let mut bytes = vec![0xfe, 0xff];
        for unit in "Hello".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&bytes, 1000).unwrap().text, "Hello");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let decoded = decode(b"\xef\xbb\xbfHello", 1000).unwrap();
        assert_eq!(decoded.text, "Hello");
    }

    #[test]
    fn latin1_page_follows_its_meta_charset() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Café à la crème</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let decoded = decode(&bytes, 10_000).unwrap();
        assert!(decoded.text.contains("Café à la crème"), "{}", decoded.text);
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn html5_meta_charset_is_read() {
        let page = "<!doctype html><meta charset='windows-1251'><title>Новости</title>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        assert!(decode(&bytes, 10_000).unwrap().text.contains("Новости"));
    }

    #[test]
    fn windows1251_without_declaration_is_detected() {
        let text = "Правительство объявило о новых мерах поддержки малого бизнеса. \
                    Эксперты считают, что это поможет экономике в следующем году.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let decoded = decode(&bytes, 10_000).unwrap();
        assert_eq!(decoded.text, text);
        assert!(decoded.warnings.iter().any(|w| w.contains("windows-1251")));
    }

    #[test]
    fn invalid_utf8_gets_replacement_characters_and_a_warning() {
        let mut bytes = "Grüße aus Köln und München. ".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice("Schön.".as_bytes());
        let decoded = decode(&bytes, 10_000).unwrap();
        assert!(decoded.text.contains("Grüße"));
        assert!(decoded.text.contains('\u{fffd}'));
        assert_eq!(
            decoded.warnings,
            vec!["invalid UTF-8 decoded with replacement characters"]
        );
    }

    #[test]
    fn gzip_is_decompressed() {
        let decoded = decode(&gzip(b"Hello, world"), 1000).unwrap();
        assert_eq!(decoded.text, "Hello, world");
        assert_eq!(decoded.input_bytes, 12);
    }

    #[test]
    fn truncated_gzip_is_a_gzip_error() {
        let data = gzip("some article text that compresses ".repeat(50).as_bytes());
        let err = decode(&data[..data.len() / 2], 100_000).unwrap_err();
        assert!(matches!(err, CleanError::Gzip(_)), "{err:?}");
    }

    #[test]
    fn gzip_bomb_over_the_cap_is_too_large() {
        let data = gzip(&vec![b'a'; 1_000_000]);
        assert!(data.len() < 10_000);
        let err = decode(&data, 100_000).unwrap_err();
        assert!(
            matches!(err, CleanError::TooLarge { limit: 100_000 }),
            "{err:?}"
        );
    }

    #[test]
    fn gzip_exactly_at_the_cap_is_accepted() {
        let decoded = decode(&gzip(&[b'a'; 1000]), 1000).unwrap();
        assert_eq!(decoded.input_bytes, 1000);
    }

    #[test]
    fn raw_input_over_the_cap_is_too_large() {
        let err = decode(&[b'a'; 101], 100).unwrap_err();
        assert!(matches!(err, CleanError::TooLarge { limit: 100 }));
    }

    #[test]
    fn png_is_binary() {
        let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        bytes.extend_from_slice(&[0u8; 64]);
        let err = decode(&bytes, 1000).unwrap_err();
        assert!(
            matches!(&err, CleanError::Binary(d) if d.contains("PNG")),
            "{err:?}"
        );
    }

    #[test]
    fn control_heavy_content_is_binary() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i % 32) as u8).collect();
        assert!(matches!(decode(&bytes, 10_000), Err(CleanError::Binary(_))));
    }

    #[test]
    fn stray_nuls_are_stripped_with_a_warning() {
        let mut bytes = b"A headline\n\nThe first paragraph of the story.".to_vec();
        bytes.insert(5, 0);
        bytes.push(0);
        let decoded = decode(&bytes, 1000).unwrap();
        assert_eq!(
            decoded.text,
            "A headline\n\nThe first paragraph of the story."
        );
        assert_eq!(decoded.warnings, vec!["removed 2 NUL character(s)"]);
    }

    #[test]
    fn empty_input_is_empty_text() {
        let decoded = decode(b"", 1000).unwrap();
        assert_eq!(decoded.text, "");
        assert!(decoded.warnings.is_empty());
    }

    /// `text` as UTF-8 bytes that were decoded as windows-1252 and saved as UTF-8 again.
    fn mojibake_of(text: &str) -> String {
        let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
        decoded.into_owned()
    }

    /// `text` as UTF-8 bytes that were decoded as ISO-8859-1 (C1 controls kept).
    fn latin1_mojibake_of(text: &str) -> String {
        text.bytes().map(char::from).collect()
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn newlines_are_normalised_in_one_pass_as_by_two_replacements() {
        for text in ["a\r\nb\rc\r", "\r\r\n", "\r\n\n\r", "no cr\n", "", "\r"] {
            let expected = text.replace("\r\n", "\n").replace('\r', "\n");
            assert_eq!(normalize_newlines(text.to_owned()), expected, "{text:?}");
        }
    }

    #[test]
    fn only_texts_with_a_strong_lead_are_scanned_for_mojibake() {
        assert!(has_strong_lead("doesn\u{e2}\u{20ac}\u{2122}t"));
        assert!(has_strong_lead("\u{c3}\u{bc}ber"));
        assert!(has_strong_lead("\u{c2}\u{a0}"));
        assert!(!has_strong_lead("Stra\u{df}e, caf\u{e9}, \u{fc}ber"));
        let mut warnings = Vec::new();
        let text = "Stra\u{df}\u{201c} caf\u{e9}".to_owned();
        assert_eq!(repair_mojibake(text.clone(), &mut warnings), text);
        assert!(warnings.is_empty());
    }

    #[test]
    fn the_gunzip_buffer_is_sized_from_the_trailer_within_bounds() {
        let mut gz = vec![0x1f, 0x8b];
        gz.resize(32, 0);
        gz.extend(1000u32.to_le_bytes());
        assert_eq!(gunzipped_size_hint(&gz, 1 << 20), 1001);
        assert_eq!(gunzipped_size_hint(&gz, 10), 11);
        gz.extend(u32::MAX.to_le_bytes());
        assert_eq!(gunzipped_size_hint(&gz, 1 << 30), gz.len() * 64 + 1);
        assert_eq!(gunzipped_size_hint(&[1, 2], 100), 1);
    }

    #[test]
    fn mojibake_helpers_produce_the_classic_patterns() {
        assert_eq!(mojibake_of("doesn’t"), "doesnâ€™t");
        assert_eq!(latin1_mojibake_of("doesn’t"), "doesn\u{e2}\u{80}\u{99}t");
    }

    #[test]
    fn wholly_mojibake_text_is_repaired_with_a_warning() {
        let page = "<p>The plan doesn’t pay — über café.\u{a0}Embrace</p>";
        let decoded = decode(mojibake_of(page).as_bytes(), 10_000).unwrap();
        assert_eq!(decoded.text, page);
        assert_eq!(
            decoded.warnings,
            vec!["repaired 5 mojibake sequence(s) (UTF-8 decoded as Latin-1/windows-1252)"]
        );
    }

    #[test]
    fn latin1_decoded_mojibake_with_c1_controls_is_repaired() {
        // The wcxb 4912 pattern: UTF-8 read as ISO-8859-1, so ’ became â U+0080 U+0099.
        let page = "Embrace\u{a0}Pet — pet insurance doesn’t have to be a wallet-buster.";
        let decoded = decode(latin1_mojibake_of(page).as_bytes(), 1000).unwrap();
        assert_eq!(decoded.text, page);
    }

    #[test]
    fn doubly_encoded_text_is_repaired() {
        let twice = mojibake_of(&mojibake_of("schönste Reise"));
        assert_eq!(twice, "schÃƒÂ¶nste Reise");
        let decoded = decode(twice.as_bytes(), 1000).unwrap();
        assert_eq!(decoded.text, "schönste Reise");
    }

    #[test]
    fn mojibake_in_a_correct_page_is_repaired_only_where_unmistakable() {
        let text = format!(
            "Grüße aus Köln. {} heiß“ und süß",
            mojibake_of("Die schönste Reise")
        );
        let decoded = decode(text.as_bytes(), 1000).unwrap();
        assert_eq!(
            decoded.text,
            "Grüße aus Köln. Die schönste Reise heiß“ und süß"
        );
    }

    #[test]
    fn real_text_with_lead_like_characters_is_left_alone() {
        for text in [
            "Sie sagte heiß“ dazu.",
            "SÃO PAULO",
            "Âge: 42 ans",
            "Ã la carte",
        ] {
            let decoded = decode(text.as_bytes(), 1000).unwrap();
            assert_eq!(decoded.text, text);
            assert!(
                decoded.warnings.is_empty(),
                "{text}: {:?}",
                decoded.warnings
            );
        }
    }

    #[test]
    fn declared_latin1_page_that_is_nearly_all_utf8_is_read_as_utf8() {
        let mut bytes = "<meta charset=\"iso-8859-1\"><p>Grüße aus Köln, Düsseldorf, München, Görlitz, Lübeck und Überlingen – schön "
            .as_bytes()
            .to_vec();
        bytes.push(0xe9);
        bytes.extend_from_slice(b" end</p>");
        let decoded = decode(&bytes, 10_000).unwrap();
        assert!(
            decoded.text.contains(
                "Grüße aus Köln, Düsseldorf, München, Görlitz, Lübeck und Überlingen – schön \u{fffd} end"
            ),
            "{}",
            decoded.text
        );
        assert_eq!(
            decoded.warnings[0],
            "declared windows-1252 but the bytes are UTF-8; decoded as UTF-8"
        );
    }

    #[test]
    fn declared_latin1_page_with_stray_utf8_follows_the_declaration() {
        let page = "<meta charset=\"iso-8859-1\"><p>Café crème, été, à bientôt, déjà vu</p>";
        let (encoded, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        let mut bytes = encoded.into_owned();
        bytes.extend_from_slice("Köln".as_bytes());
        let decoded = decode(&bytes, 10_000).unwrap();
        assert!(
            decoded.text.contains("Café crème, été, à bientôt, déjà vu"),
            "{}",
            decoded.text
        );
    }

    #[test]
    fn utf16le_without_bom_is_detected() {
        let page = "<html><body><p>Hello, world. Grüße!</p></body></html>";
        let decoded = decode(&utf16(page, false), 10_000).unwrap();
        assert_eq!(decoded.text, page);
        assert_eq!(
            decoded.warnings,
            vec!["no byte order mark; decoded as detected UTF-16LE"]
        );
    }

    #[test]
    fn utf16be_without_bom_is_detected() {
        let text = "A headline\r\n\r\nThe first paragraph of the story.";
        let decoded = decode(&utf16(text, true), 10_000).unwrap();
        assert_eq!(
            decoded.text,
            "A headline\n\nThe first paragraph of the story."
        );
        assert_eq!(
            decoded.warnings,
            vec!["no byte order mark; decoded as detected UTF-16BE"]
        );
    }

    #[test]
    fn nul_heavy_data_that_is_not_utf16_stays_binary() {
        let mut bytes = Vec::new();
        for i in 0..500u32 {
            bytes.extend_from_slice(&[b'a' + (i % 26) as u8, 0, 0, 7]);
        }
        assert!(matches!(decode(&bytes, 10_000), Err(CleanError::Binary(_))));
    }

    #[test]
    fn sniff_recognises_document_starts() {
        for page in [
            "<!DOCTYPE html><p>x",
            "\u{feff}  <html lang=en>",
            "<!-- saved page -->\n<head><title>x</title>",
            "<?xml version=\"1.0\"?><html>",
            "<body>hi</body>",
        ] {
            assert_eq!(sniff(page, Some("a.txt")), InputKind::Html, "{page}");
        }
    }

    #[test]
    fn sniff_counts_tags_in_fragments() {
        let fragment = "<div class=x><p>One</p><span>two</span></div>";
        assert_eq!(sniff(fragment, None), InputKind::Html);
    }

    #[test]
    fn sniff_keeps_prose_as_text() {
        let prose = "A headline\n\nWhen a < b and c > d, the story goes on.\n";
        assert_eq!(sniff(prose, Some("story.html")), InputKind::Text);
    }

    #[test]
    fn extension_breaks_a_tie_only() {
        let unclear = "Some words<br>more words";
        assert_eq!(sniff(unclear, Some("page.html.gz")), InputKind::Html);
        assert_eq!(sniff(unclear, Some("page.HTM")), InputKind::Html);
        assert_eq!(sniff(unclear, Some("page.txt")), InputKind::Text);
        assert_eq!(sniff(unclear, None), InputKind::Text);
        let clear = "<div><p>One</p><span>two</span></div>";
        assert_eq!(sniff(clear, Some("notes.txt")), InputKind::Html);
    }

    #[test]
    fn sniff_does_not_split_characters() {
        let text = "é".repeat(SNIFF_SAMPLE);
        assert_eq!(sniff(&text, None), InputKind::Text);
    }
}
