import Foundation
import PBScenario

/// What the server offers: the files it was started with and the scenarios saved in `--data`.
///
/// Ids are the file names without their extension (`riverside`, `poland_warszawa_2017_wars`), made
/// unique with `-2`, `-3`, … The data folder is read again on each listing, so files saved by the page
/// (or copied in by hand) appear at once.
public struct Catalog: Sendable {
    /// One scenario or election.
    public struct Entry: Sendable, Hashable {
        /// What kind of input a file is.
        public enum Kind: String, Sendable {
            case scenario, election
        }

        /// The id in URLs and in `{"scenario_id"}`.
        public var id: String
        /// The title: a scenario's `name`, an election's `description` (else its file name).
        public var name: String
        public var kind: Kind
        /// The file on disk.
        public var path: String
        /// Whether it lives in the data folder (and can be overwritten from the page).
        public var saved: Bool
    }

    /// The files given on the command line.
    public let inputs: [String]
    /// The folder where the page saves scenarios, if any.
    public let dataDirectory: String?

    /// Creates a catalog.
    ///
    /// - Parameters:
    ///   - inputs: Scenario (`.yaml`, `.yml`) and election (`.pb`) files.
    ///   - dataDirectory: The folder for saved scenarios (created when missing), or `nil`.
    public init(inputs: [String], dataDirectory: String?) {
        self.inputs = inputs
        self.dataDirectory = dataDirectory
    }

    /// The kind of a file, from its extension, or `nil` when it is neither.
    public static func kind(of path: String) -> Entry.Kind? {
        switch (path as NSString).pathExtension.lowercased() {
        case "yaml", "yml": .scenario
        case "pb": .election
        default: nil
        }
    }

    /// Every entry: the inputs in the order given, then the data folder's files by name.
    public func entries() -> [Entry] {
        var paths = inputs.map { ($0, false) }
        if let dataDirectory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: dataDirectory)
        {
            for name in names.sorted() where Self.kind(of: name) != nil && !name.hasPrefix(".") {
                paths.append(((dataDirectory as NSString).appendingPathComponent(name), true))
            }
        }
        var used: Set<String> = []
        var entries: [Entry] = []
        for (path, saved) in paths {
            guard let kind = Self.kind(of: path) else { continue }
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            var id = Self.slug(stem)
            var n = 2
            while used.contains(id) {
                id = "\(Self.slug(stem))-\(n)"
                n += 1
            }
            used.insert(id)
            entries.append(
                Entry(id: id, name: Self.title(of: path, kind: kind) ?? stem, kind: kind, path: path, saved: saved))
        }
        return entries
    }

    /// The entry with `id`.
    public func entry(_ id: String) -> Entry? {
        entries().first { $0.id == id }
    }

    /// Whether `id` can name a saved file: 1 to 64 of a-z, A-Z, 0-9, `-` and `_`.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64
            && id.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_".unicodeScalars.contains($0)
            }
    }

    /// `text` with every character outside a-z, A-Z, 0-9, `-`, `_` replaced by `-`.
    static func slug(_ text: String) -> String {
        let mapped = String(
            text.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
                    ? Character(scalar) : "-"
            })
        return mapped.isEmpty ? "file" : String(mapped.prefix(64))
    }

    /// A scenario's `name` line or an election's `description`, read cheaply from the file's start.
    static func title(of path: String, kind: Entry.Kind) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 16_384), let text = String(data: data, encoding: .utf8)
        else { return nil }
        let prefix = kind == .scenario ? "name:" : "description;"
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix(prefix) {
            var value = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if kind == .scenario, let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
