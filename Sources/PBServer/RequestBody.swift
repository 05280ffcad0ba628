import Foundation
import Hummingbird
import NIOCore
import PBScenario

/// Request bodies: read with a size limit, parsed as a JSON object whose fields are checked one by one,
/// each problem a 400 naming the field.
struct RequestFields {
    /// The largest body the API reads (a scenario's YAML is a few kilobytes; a large one a few hundred).
    static let limit = 1 << 20

    let values: [String: Any]

    /// Reads the body of `request` as text, at most ``limit`` bytes.
    static func text(of request: Request) async throws -> String {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "the request body is larger than \(limit / 1024) KiB")
        }
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) else {
            throw APIError(.badRequest, "the request body is not UTF-8 text")
        }
        return text
    }

    /// Reads the body of `request` as a JSON object with only the keys in `allowed`.
    static func object(of request: Request, allowed: Set<String>) async throws -> RequestFields {
        let text = try await text(of: request)
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw APIError(.badRequest, "the request body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw APIError(.badRequest, "the request body must be a JSON object")
        }
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw APIError.badField(
                key, "unknown field '\(key)' (expected \(allowed.sorted().joined(separator: ", ")))")
        }
        return RequestFields(values: object)
    }

    /// A text field.
    func string(_ key: String) throws -> String? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw APIError.badField(key, "expected text") }
        return text
    }

    /// A whole-number field within `range`.
    func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !isBoolean(value), let n = Int(exactly: number.doubleValue),
            range.contains(n)
        else {
            throw APIError.badField(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// A seed: a whole number from 0 to 2^64-1, as a JSON number or as text (JSON numbers above 2^53
    /// lose digits in most clients).
    func seed(_ key: String) throws -> UInt64? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        if let text = value as? String, let seed = UInt64(text) { return seed }
        if let number = value as? NSNumber, !isBoolean(value), number.doubleValue >= 0,
            number.doubleValue == number.doubleValue.rounded(), let seed = UInt64(number.stringValue)
        {
            return seed
        }
        throw APIError.badField(key, "expected a whole number from 0 to 18446744073709551615")
    }

    /// A list of numbers.
    func numbers(_ key: String) throws -> [Double]? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        guard let list = value as? [Any], !list.isEmpty else {
            throw APIError.badField(key, "expected a non-empty list of numbers")
        }
        return try list.map { item in
            guard let number = item as? NSNumber, !isBoolean(item), number.doubleValue.isFinite else {
                throw APIError.badField(key, "expected a list of numbers")
            }
            return number.doubleValue
        }
    }

    /// A list of texts.
    func strings(_ key: String) throws -> [String]? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        guard let list = value as? [Any], let texts = list as? [String] else {
            throw APIError.badField(key, "expected a list of texts")
        }
        return texts
    }

    /// A finite number.
    func number(_ key: String) throws -> Double? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, !isBoolean(value), number.doubleValue.isFinite else {
            throw APIError.badField(key, "expected a number")
        }
        return number.doubleValue
    }

    /// A mapping from paths to numbers (or names), in the order of the paths' text.
    func overrides(_ key: String) throws -> [(path: String, value: Scenario.OverrideValue)] {
        guard let value = values[key], !(value is NSNull) else { return [] }
        guard let object = value as? [String: Any] else {
            throw APIError.badField(key, "expected an object {path: number}")
        }
        return try object.keys.sorted().map { path in
            let item = object[path]!
            if let text = item as? String { return (path, .text(text)) }
            guard let number = item as? NSNumber, !isBoolean(item), number.doubleValue.isFinite else {
                throw APIError.badField("\(key).\(path)", "expected a number")
            }
            return (path, .number(number.doubleValue))
        }
    }
}

/// Whether JSONSerialization read `value` from `true` or `false` (on Linux an NSNumber 0 or 1 also casts
/// to Bool, so `is Bool` cannot tell).
func isBoolean(_ value: Any) -> Bool {
    guard let number = value as? NSNumber else { return false }
    return String(cString: number.objCType) == "c"
}
