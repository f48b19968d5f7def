//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `word` by edit distance (case-insensitive), when it is close enough to be a
/// typo: at most a third of the candidate's length, and at least two edits are always allowed.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // The distance is at least the difference in length: a candidate out of reach by length alone is
    // skipped before the (length × length) comparison, so a huge word costs one pass, not minutes.
    let limit = |c: &str| (c.chars().count() / 3).max(2);
    let n = word.chars().take(4096).count();
    let w = word.to_ascii_lowercase();
    candidates
        .iter()
        .filter(|c| n.abs_diff(c.chars().count()) <= limit(c))
        .map(|c| (levenshtein(&w, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["authorizationCode", "clientCredentials", "implicit", "password"];
        assert_eq!(did_you_mean("authorisationCode", &known), Some("authorizationCode"));
        assert_eq!(did_you_mean("implict", &known), Some("implicit"));
        assert_eq!(did_you_mean("authCode", &known), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        // Linear in a huge word: rejected by length before any distance is computed.
        assert_eq!(did_you_mean(&"a".repeat(10_000_000), &known), None);
    }
}
