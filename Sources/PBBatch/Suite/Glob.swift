import Foundation

/// Shell-style file patterns for suites: `*` (any run of characters but `/`) and `?` (one character)
/// in any path component. A name starting with `.` is only matched by a pattern starting with `.`.
///
/// ```swift
/// Glob.expand("Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_*.pb")   // sorted paths
/// ```
enum Glob {
    /// Whether `pattern` has a wildcard.
    static func hasWildcard(_ pattern: String) -> Bool {
        pattern.contains("*") || pattern.contains("?")
    }

    /// The existing regular files matching `pattern`, sorted; a pattern without wildcards gives itself if
    /// the file exists.
    static func expand(_ pattern: String) -> [String] {
        guard hasWildcard(pattern) else { return isFile(pattern) ? [pattern] : [] }
        let absolute = pattern.hasPrefix("/")
        let components = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var paths = [absolute ? "/" : ""]
        for (index, component) in components.enumerated() {
            let last = index == components.count - 1
            var next: [String] = []
            for base in paths {
                if hasWildcard(component) {
                    let folder = base.isEmpty ? "." : base
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                    for name in names.sorted() where matches(name, component) {
                        next.append(join(base, name))
                    }
                } else {
                    next.append(join(base, component))
                }
            }
            paths = next.filter { last ? isFile($0) : isFolder($0) }
        }
        return paths.sorted()
    }

    private static func join(_ base: String, _ name: String) -> String {
        base.isEmpty ? name : (base.hasSuffix("/") ? base + name : base + "/" + name)
    }

    private static func isFile(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && !folder.boolValue
    }

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    /// Whether `name` matches the one-component `pattern`.
    static func matches(_ name: String, _ pattern: String) -> Bool {
        let name = Array(name.unicodeScalars)
        let pattern = Array(pattern.unicodeScalars)
        if name.first == ".", pattern.first != "." { return false }
        // Iterative wildcard matching with backtracking to the last `*`.
        var n = 0
        var p = 0
        var star = -1
        var mark = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == name[n]) {
                n += 1
                p += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                mark = n
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                n = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
