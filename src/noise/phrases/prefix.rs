//! Literal prefixes of the phrase patterns: a cheap, exact-where-it-says-no test of which
//! patterns could match a block, so that a pattern is compiled and run only when a block
//! starts the way one of its matches must start.
//!
//! Every pattern is anchored at the start of the block. Walking a pattern's syntax tree
//! (parsing is cheap; compiling is what costs) gives a finite set of strings such that
//! every match starts with one of them: the literal words a pattern opens with, through
//! optional parts and alternatives, up to the first part that is not a literal. Text and
//! prefixes are compared after one normalisation of every character: its case orbit
//! under Unicode simple case folding (the same folding the case-insensitive regex uses),
//! any numeric character as `0` (so `\d` can stand in a prefix) and any white space as a
//! space (so `\s` can). A pattern whose prefix set holds the empty string, or whose
//! syntax cannot be read, is always tried.

use rustc_hash::FxHashMap as HashMap;

use regex_syntax::ast::{self, Ast};
use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

/// The most prefixes one pattern (or one part of it) may have before the walk stops
/// and keeps the shorter prefixes it has (still a valid, less selective, set).
const MAX_PREFIXES: usize = 64;
/// Prefixes this long (in bytes) tell patterns apart well enough: the walk along a
/// sequence stops once every prefix has reached it.
const LONG_ENOUGH: usize = 8;

/// Which patterns could match a given text, from their literal prefixes.
#[derive(Debug)]
pub(super) struct PrefixIndex {
    /// A normalised prefix and the patterns (by index) that may start with it.
    by_prefix: HashMap<String, Vec<usize>>,
    /// Patterns without a usable prefix: candidates for every text.
    always: Vec<usize>,
    /// The longest prefix, in characters.
    longest: usize,
    /// The canonical character of every character in the case orbit of a prefix letter.
    fold: HashMap<char, char>,
    /// [`PrefixIndex::normal`] of every ASCII character, looked up without hashing.
    ascii: [char; 128],
    /// How many patterns the index covers.
    patterns: usize,
}

/// The patterns a text could match: one flag per pattern index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidates(Vec<bool>);

impl Candidates {
    /// Whether pattern `index` could match.
    pub(super) fn contains(&self, index: usize) -> bool {
        self.0.get(index).copied().unwrap_or(false)
    }
}

impl PrefixIndex {
    /// Index the patterns, in order (a pattern's index is its position).
    #[cfg(test)]
    pub(super) fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> PrefixIndex {
        PrefixIndex::from_raw(patterns.into_iter().map(raw_prefixes).collect())
    }

    /// Index the patterns by their [`raw_prefixes`], in order (a pattern's index is its
    /// position).
    pub(super) fn from_raw(raw: Vec<Option<Vec<String>>>) -> PrefixIndex {
        let fold = fold_map(raw.iter().flatten().flatten());
        let mut index = PrefixIndex {
            by_prefix: HashMap::default(),
            always: Vec::new(),
            longest: 0,
            fold,
            ascii: ['\0'; 128],
            patterns: raw.len(),
        };
        for byte in 0u8..128 {
            index.ascii[usize::from(byte)] = index.normal_slow(char::from(byte));
        }
        for (pattern, prefixes) in raw.into_iter().enumerate() {
            match prefixes {
                Some(prefixes) if !prefixes.iter().any(String::is_empty) => {
                    for prefix in prefixes {
                        let normal = index.normalised(prefix.chars(), usize::MAX);
                        index.longest = index.longest.max(normal.chars().count());
                        let ids = index.by_prefix.entry(normal).or_default();
                        if !ids.contains(&pattern) {
                            ids.push(pattern);
                        }
                    }
                }
                _ => index.always.push(pattern),
            }
        }
        index
    }

    /// The patterns that could match `text` (or any prefix of it).
    pub(super) fn candidates(&self, text: &str) -> Candidates {
        let mut flags = vec![false; self.patterns];
        for &pattern in &self.always {
            flags[pattern] = true;
        }
        let normal = self.normalised(text.chars(), self.longest);
        let ends = normal
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain(std::iter::once(normal.len()));
        for end in ends {
            for &pattern in self.by_prefix.get(&normal[..end]).into_iter().flatten() {
                flags[pattern] = true;
            }
        }
        Candidates(flags)
    }

    /// How many patterns have no prefix and are tried on every text.
    #[cfg(test)]
    pub(super) fn always_tried(&self) -> usize {
        self.always.len()
    }

    /// The first `most` characters of `chars` as prefixes and texts are compared: each
    /// character normalised, a run of numeric characters as one `0` (so `\d+`, `\d{4}`
    /// and a literal number all read as `0`).
    fn normalised(&self, chars: impl Iterator<Item = char>, most: usize) -> String {
        let mut out = String::new();
        let mut count = 0;
        for c in chars.map(|c| self.normal(c)) {
            if count == most {
                break;
            }
            if !(c == '0' && out.ends_with('0')) {
                out.push(c);
                count += 1;
            }
        }
        out
    }

    /// One character as prefixes and texts are compared.
    fn normal(&self, c: char) -> char {
        match self.ascii.get(c as usize) {
            Some(&normal) => normal,
            None => self.normal_slow(c),
        }
    }

    /// [`PrefixIndex::normal`] without the ASCII table.
    fn normal_slow(&self, c: char) -> char {
        if let Some(&canonical) = self.fold.get(&c) {
            canonical
        } else if c.is_numeric() {
            '0'
        } else if c.is_whitespace() {
            ' '
        } else {
            c
        }
    }
}

/// The case orbit of every letter in `prefixes`, each character mapped to the smallest
/// character of its orbit.
fn fold_map<'a>(prefixes: impl Iterator<Item = &'a String>) -> HashMap<char, char> {
    let mut chars: Vec<char> = prefixes.flat_map(|p| p.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    let mut fold = HashMap::default();
    for c in chars {
        if c.is_numeric() || c.is_whitespace() || fold.contains_key(&c) {
            continue;
        }
        let orbit = case_orbit(c);
        let canonical = orbit.iter().copied().min().unwrap_or(c);
        for member in orbit {
            fold.insert(member, canonical);
        }
    }
    fold
}

/// The characters a case-insensitive regex matches for the literal `c`.
pub(super) fn case_orbit(c: char) -> Vec<char> {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    if class.try_case_fold_simple().is_err() {
        return vec![c];
    }
    class
        .iter()
        .flat_map(|range| range.start()..=range.end())
        .collect()
}

/// The prefixes every match of `pattern` starts with (before normalisation), or `None`
/// when the pattern cannot be read.
pub(super) fn raw_prefixes(pattern: &str) -> Option<Vec<String>> {
    let ast = ast::parse::Parser::new().parse(pattern).ok()?;
    Some(prefixes(&ast).set)
}

/// Prefixes of one part of a pattern.
struct Prefixes {
    /// Every string the part matches starts with one of these.
    set: Vec<String>,
    /// Whether the part matches only the strings of `set` (so what follows it can be
    /// appended).
    complete: bool,
}

impl Prefixes {
    /// A part that matches exactly these strings.
    fn exact(set: Vec<String>) -> Prefixes {
        Prefixes {
            set,
            complete: true,
        }
    }

    /// A part about which nothing is known.
    fn open() -> Prefixes {
        Prefixes {
            set: vec![String::new()],
            complete: false,
        }
    }
}

/// Prefixes of a syntax tree.
fn prefixes(ast: &Ast) -> Prefixes {
    match ast {
        Ast::Empty(_) | Ast::Assertion(_) => Prefixes::exact(vec![String::new()]),
        Ast::Literal(literal) => Prefixes::exact(vec![literal.c.to_string()]),
        Ast::ClassPerl(class) => perl_class(class),
        Ast::ClassBracketed(class) => bracketed_class(class),
        Ast::Group(group) => match &group.kind {
            ast::GroupKind::NonCapturing(flags) if !flags.items.is_empty() => Prefixes::open(),
            _ => prefixes(&group.ast),
        },
        Ast::Repetition(repetition) => repeated(repetition),
        Ast::Alternation(alternation) => alternatives(&alternation.asts),
        Ast::Concat(concat) => sequence(&concat.asts),
        _ => Prefixes::open(),
    }
}

/// `\d` (any numeric character normalises to `0`) and `\s` (any white space to a space).
fn perl_class(class: &ast::ClassPerl) -> Prefixes {
    match (&class.kind, class.negated) {
        (ast::ClassPerlKind::Digit, false) => Prefixes::exact(vec!["0".into()]),
        (ast::ClassPerlKind::Space, false) => Prefixes::exact(vec![" ".into()]),
        _ => Prefixes::open(),
    }
}

/// A bracketed class of single characters (`[$€£]`), one prefix per character.
fn bracketed_class(class: &ast::ClassBracketed) -> Prefixes {
    let chars = match &class.kind {
        ast::ClassSet::Item(ast::ClassSetItem::Literal(literal)) if !class.negated => {
            vec![literal.c]
        }
        ast::ClassSet::Item(ast::ClassSetItem::Union(union)) if !class.negated => {
            let literals: Option<Vec<char>> = union
                .items
                .iter()
                .map(|item| match item {
                    ast::ClassSetItem::Literal(literal) => Some(literal.c),
                    _ => None,
                })
                .collect();
            match literals {
                Some(chars) => chars,
                None => return Prefixes::open(),
            }
        }
        _ => return Prefixes::open(),
    };
    if chars.is_empty() || chars.len() > MAX_PREFIXES {
        return Prefixes::open();
    }
    Prefixes::exact(chars.into_iter().map(String::from).collect())
}

/// `x?` adds the empty string; `x+` and `x{n,..}` with `n > 0` start as `x` does; what
/// may repeat zero times says nothing.
fn repeated(repetition: &ast::Repetition) -> Prefixes {
    let least = match &repetition.op.kind {
        ast::RepetitionKind::ZeroOrOne => {
            let inner = prefixes(&repetition.ast);
            let mut set = vec![String::new()];
            set.extend(inner.set);
            set.sort();
            set.dedup();
            return Prefixes {
                set,
                complete: inner.complete,
            };
        }
        ast::RepetitionKind::ZeroOrMore => 0,
        ast::RepetitionKind::OneOrMore => 1,
        ast::RepetitionKind::Range(
            ast::RepetitionRange::Exactly(n)
            | ast::RepetitionRange::AtLeast(n)
            | ast::RepetitionRange::Bounded(n, _),
        ) => *n,
    };
    let inner = prefixes(&repetition.ast);
    if is_digit_run(&inner) {
        // A run of numbers normalises to one `0`, however long.
        let set = if least == 0 {
            vec![String::new(), "0".into()]
        } else {
            inner.set
        };
        return Prefixes::exact(set);
    }
    if least == 0 {
        return Prefixes::open();
    }
    Prefixes {
        set: inner.set,
        complete: false,
    }
}

/// Whether a part matches exactly one numeric character (`\d`, a literal `0`), so
/// that its repetitions normalise to `0`.
fn is_digit_run(part: &Prefixes) -> bool {
    part.complete && part.set == ["0"]
}

/// The union of the alternatives' prefixes.
fn alternatives(asts: &[Ast]) -> Prefixes {
    let mut set = Vec::new();
    let mut complete = true;
    for alternative in asts {
        let part = prefixes(alternative);
        complete &= part.complete;
        set.extend(part.set);
    }
    set.sort();
    set.dedup();
    if set.len() > MAX_PREFIXES {
        return Prefixes {
            set: shortened(set),
            complete: false,
        };
    }
    Prefixes { set, complete }
}

/// Too many prefixes cut shorter, the longest first, until few enough remain (a prefix
/// of a prefix is still one).
fn shortened(mut set: Vec<String>) -> Vec<String> {
    while set.len() > MAX_PREFIXES {
        let longest = set.iter().map(|p| p.chars().count()).max().unwrap_or(0);
        if longest == 0 {
            break;
        }
        set = set
            .into_iter()
            .map(|p| p.chars().take(longest - 1).collect())
            .collect();
        set.sort();
        set.dedup();
    }
    set
}

/// The prefixes of the parts one after another, up to the first incomplete part (or the
/// first that would make too many).
fn sequence(asts: &[Ast]) -> Prefixes {
    extended(vec![String::new()], asts)
}

/// `set` followed by the parts `asts`.
fn extended(mut set: Vec<String>, asts: &[Ast]) -> Prefixes {
    for (i, ast) in asts.iter().enumerate() {
        if set.iter().all(|p| p.len() >= LONG_ENOUGH) {
            return Prefixes {
                set,
                complete: false,
            };
        }
        if let Ast::Literal(literal) = ast {
            for head in &mut set {
                head.push(literal.c);
            }
            continue;
        }
        if let Some(inner) = skippable_open(ast) {
            // `(\d+ )?rest`: either the part's prefixes or, skipping it, the rest's.
            let with = crossed(&set, &inner.set);
            let without = extended(set.clone(), &asts[i + 1..]);
            let mut union: Vec<String> = with.into_iter().chain(without.set).collect();
            union.sort();
            union.dedup();
            return Prefixes {
                set: shortened(union),
                complete: false,
            };
        }
        let part = prefixes(ast);
        if set.len() * part.set.len() > MAX_PREFIXES {
            return Prefixes {
                set,
                complete: false,
            };
        }
        set = crossed(&set, &part.set);
        if !part.complete {
            return Prefixes {
                set,
                complete: false,
            };
        }
    }
    Prefixes::exact(set)
}

/// The prefixes of the repeated part of a repetition that may match nothing and whose
/// part is not complete (`(\d+ )?`, `x*`), or `None` for any other part.
fn skippable_open(ast: &Ast) -> Option<Prefixes> {
    let Ast::Repetition(repetition) = ast else {
        return None;
    };
    let may_skip = match &repetition.op.kind {
        ast::RepetitionKind::ZeroOrOne | ast::RepetitionKind::ZeroOrMore => true,
        ast::RepetitionKind::OneOrMore => false,
        ast::RepetitionKind::Range(
            ast::RepetitionRange::Exactly(n)
            | ast::RepetitionRange::AtLeast(n)
            | ast::RepetitionRange::Bounded(n, _),
        ) => *n == 0,
    };
    if !may_skip {
        return None;
    }
    let inner = prefixes(&repetition.ast);
    let handled_by_repeated = is_digit_run(&inner)
        || (inner.complete && matches!(repetition.op.kind, ast::RepetitionKind::ZeroOrOne));
    (!handled_by_repeated).then_some(inner)
}

/// Every prefix of `heads` followed by every one of `tails`, without repeats.
fn crossed(heads: &[String], tails: &[String]) -> Vec<String> {
    let mut set: Vec<String> = heads
        .iter()
        .flat_map(|head| tails.iter().map(move |tail| format!("{head}{tail}")))
        .collect();
    set.sort();
    set.dedup();
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(patterns: &[&str]) -> PrefixIndex {
        PrefixIndex::new(patterns.iter().copied())
    }

    fn candidates(patterns: &[&str], text: &str) -> Vec<bool> {
        index(patterns).candidates(text).0
    }

    #[test]
    fn literal_words_through_optional_parts_and_alternatives() {
        let patterns = ["^(please )?(sign|log) ?in now", "^share( this)?$"];
        assert_eq!(candidates(&patterns, "Please sign in now"), [true, false]);
        assert_eq!(candidates(&patterns, "LOGIN NOW"), [true, false]);
        assert_eq!(candidates(&patterns, "Share this"), [false, true]);
        assert_eq!(candidates(&patterns, "The share price"), [false, false]);
    }

    #[test]
    fn digits_and_spaces_stand_for_their_kind() {
        let patterns = [r"^\d+ comments", r"^[$€£]\s?\d"];
        assert_eq!(candidates(&patterns, "١٢ comments"), [true, false]);
        assert_eq!(candidates(&patterns, "€\u{a0}5 a month"), [false, true]);
        assert_eq!(candidates(&patterns, "Twelve comments"), [false, false]);
    }

    #[test]
    fn case_orbits_fold_together() {
        let patterns = ["^straße", "^skip"];
        assert_eq!(candidates(&patterns, "STRAẞE"), [true, false]);
        // U+017F LONG S folds with `s`, as it does in a case-insensitive regex.
        assert_eq!(candidates(&patterns, "\u{17f}kip"), [false, true]);
    }

    #[test]
    fn an_optional_open_part_leaves_the_rest_as_prefix() {
        let patterns = [r"^(\d+ )?(comments?|replies)$", r"^x*yes"];
        assert_eq!(candidates(&patterns, "12 comments"), [true, false]);
        assert_eq!(candidates(&patterns, "Replies"), [true, false]);
        assert_eq!(candidates(&patterns, "Share"), [false, false]);
        assert_eq!(candidates(&patterns, "xxyes"), [false, true]);
        assert_eq!(candidates(&patterns, "yes"), [false, true]);
    }

    #[test]
    fn a_run_of_numbers_reads_as_one() {
        let patterns = [r"^\d+\s?min read", r"^(\d+ )?comments", r"^page 12 of"];
        assert_eq!(candidates(&patterns, "12 min read"), [true, false, false]);
        assert_eq!(
            candidates(&patterns, "1234567 comments"),
            [false, true, false]
        );
        assert_eq!(candidates(&patterns, "١٢min read"), [true, false, false]);
        assert_eq!(candidates(&patterns, "Page 7 of 9"), [false, false, true]);
        assert_eq!(
            candidates(&patterns, "12 people died"),
            [false, false, false]
        );
    }

    #[test]
    fn too_many_alternatives_are_cut_shorter() {
        let words: Vec<String> = (0..100).map(|i| format!("w{i:03}x")).collect();
        let pattern = format!("^({})", words.join("|"));
        let set = raw_prefixes(&pattern).expect("parses");
        assert!(set.len() <= MAX_PREFIXES && !set.iter().any(String::is_empty));
        assert!(words
            .iter()
            .all(|w| set.iter().any(|p| w.starts_with(p.as_str()))));
        assert_eq!(candidates(&[pattern.as_str()], "W042X"), [true]);
        assert_eq!(candidates(&[pattern.as_str()], "v042x"), [false]);
    }

    #[test]
    fn unreadable_or_open_patterns_are_always_tried() {
        let patterns = ["^.{0,20}inbox", "^(", r"^\w+ news"];
        assert_eq!(index(&patterns).always_tried(), 3);
        assert_eq!(candidates(&patterns, "anything"), [true, true, true]);
    }

    /// What the normalisation relies on, for the letters of the real phrase files: a
    /// letter's case orbit is closed (every member has the same orbit) and holds no
    /// numeric or white-space character.
    #[test]
    fn phrase_letters_fold_in_closed_orbits() {
        let index = &super::super::phrases().index;
        assert!(!index.fold.is_empty());
        for (&c, &canonical) in &index.fold {
            assert!(!c.is_numeric() && !c.is_whitespace(), "{c:?}");
            for member in case_orbit(c) {
                assert_eq!(
                    index.fold.get(&member),
                    Some(&canonical),
                    "{c:?} {member:?}"
                );
            }
        }
    }

    #[test]
    fn bad_input_gives_no_candidates_and_no_panic() {
        let patterns = ["^abc"];
        for text in ["", " ", "\u{0}", "ab", "\u{10ffff}abc"] {
            assert_eq!(candidates(&patterns, text), [false], "{text:?}");
        }
    }
}
