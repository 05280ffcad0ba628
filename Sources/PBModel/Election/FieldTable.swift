/// A table of text fields (rows × named columns), stored flat.
///
/// Extra project and voter columns of pabulib files (name, category, target, age, sex, …) are
/// kept verbatim in a `FieldTable`: one contiguous UTF-8 buffer and one end offset per cell, so a
/// 90,000-voter file costs two allocations instead of half a million strings.
public struct FieldTable: Sendable, Hashable {
    /// The column names, in file order.
    public private(set) var columns: [String]
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []

    /// Creates an empty table with the given columns.
    public init(columns: [String]) {
        self.columns = columns
    }

    /// The number of complete rows.
    public var rowCount: Int { columns.isEmpty ? 0 : ends.count / columns.count }

    /// The index of a column by name.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex(of: name) }

    /// The text of one cell.
    public subscript(row: Int, column: Int) -> String {
        let k = row * columns.count + column
        let start = k == 0 ? 0 : Int(ends[k - 1])
        return String(decoding: bytes[start..<Int(ends[k])], as: UTF8.self)
    }

    /// The text of one cell by column name, `nil` when there is no such column.
    public func value(row: Int, column name: String) -> String? {
        columnIndex(name).map { self[row, $0] }
    }

    /// Appends one cell; call it `columns.count` times per row.
    public mutating func append(_ cell: some Collection<UInt8>) {
        bytes.append(contentsOf: cell)
        precondition(bytes.count <= Int(Int32.max), "field table over 2 GB")
        ends.append(Int32(bytes.count))
    }

    /// Appends `count` cells, with one capacity check for all their bytes: cell `k` is the
    /// bytes `cell(k).range` of `text`, or of `other` when `cell(k).inOther`.
    ///
    /// The pabulib reader adds each voter's columns this way (`other` holding its quoted fields):
    /// appending cell by cell cost about as much as splitting the row.
    mutating func append(
        cells count: Int, from text: Span<UInt8>, or other: Span<UInt8>,
        _ cell: (Int) -> (range: Range<Int>, inOther: Bool)
    ) {
        var end = bytes.count
        ends.append(addingCapacity: count) { output in
            for k in 0..<count {
                end += cell(k).range.count
                precondition(end <= Int(Int32.max), "field table over 2 GB")
                output.append(Int32(end))
            }
        }
        bytes.append(addingCapacity: end - bytes.count) { output in
            for k in 0..<count {
                let c = cell(k)
                let source = c.inOther ? other.extracting(c.range) : text.extracting(c.range)
                for i in source.indices { output.append(source[i]) }
            }
        }
    }

    /// Appends one cell from bytes.
    mutating func append(_ cell: Span<UInt8>) {
        precondition(bytes.count + cell.count <= Int(Int32.max), "field table over 2 GB")
        bytes.append(addingCapacity: cell.count) { output in
            for i in cell.indices { output.append(cell[i]) }
        }
        ends.append(Int32(bytes.count))
    }

    /// Appends one cell from a string.
    public mutating func append(_ cell: String) {
        append(cell.utf8)
    }

    /// Appends a whole row.
    public mutating func appendRow(_ cells: [String]) {
        precondition(cells.count == columns.count, "row width differs from the column count")
        for c in cells { append(c) }
    }

    /// Reserves room for `rows` rows of about `bytesPerRow` bytes.
    public mutating func reserve(rows: Int, bytesPerRow: Int) {
        ends.reserveCapacity(rows * columns.count)
        bytes.reserveCapacity(rows * bytesPerRow)
    }
}
