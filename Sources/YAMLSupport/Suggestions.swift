/// "Did you mean" hints for misspelt names in profiles and profile references.
///
/// The vocabularies involved (point names, keys, types, units, profile stems) are small, so
/// a plain edit distance over all candidates is cheap and catches the usual slips: a
/// transposition (`flaot32`), a wrong phase (`voltage.l4`), a wrong case (`kwh`).
public enum Suggestions {
    /// Up to `limit` candidates close to `word`, closest first.
    ///
    /// A wrong case alone (`hz` for `Hz`) is answered with that candidate only. Otherwise a
    /// candidate is close when its edit distance (ignoring case) is at most a third of the
    /// word's length (at least 1, so short words do not match everything short), or when
    /// one contains the other, which catches a truncated name such as `energy.import`.
    public static func close(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        let lowered = word.lowercased()
        let sameLetters = candidates.filter { $0.lowercased() == lowered }
        if !sameLetters.isEmpty { return Array(sameLetters.prefix(limit)) }
        let threshold = max(1, lowered.count / 3)
        let scored: [(name: String, distance: Int)] = candidates.compactMap { candidate in
            let other = candidate.lowercased()
            let distance = editDistance(lowered, other)
            if distance <= threshold { return (candidate, distance) }
            if lowered.count >= 3, other.contains(lowered) || lowered.contains(other) {
                return (candidate, threshold + 1 + abs(other.count - lowered.count))
            }
            return nil
        }
        return scored
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .prefix(limit)
            .map(\.name)
    }

    /// ` (did you mean a, b?)`, or an empty string when nothing is close.
    public static func hint(for word: String, in candidates: [String]) -> String {
        let found = close(to: word, in: candidates)
        return found.isEmpty ? "" : " (did you mean \(found.joined(separator: ", "))?)"
    }

    /// Levenshtein distance over Unicode scalars, two rows at a time.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
