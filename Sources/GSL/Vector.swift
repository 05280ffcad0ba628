internal import CGSL

/// The single owner of a `gsl_vector`, which it frees in `deinit`.
final class Vector {
    let pointer: UnsafeMutablePointer<gsl_vector>

    /// Allocates a vector holding a copy of `values` (which must not be empty).
    init(_ values: [Double]) {
        precondition(!values.isEmpty, "gsl_vector_alloc needs at least one element")
        _ = gslErrorHandlerDisabled
        guard let pointer = gsl_vector_alloc(values.count) else {
            fatalError("gsl_vector_alloc failed: out of memory")
        }
        for (i, value) in values.enumerated() {
            gsl_vector_set(pointer, i, value)
        }
        self.pointer = pointer
    }

    deinit {
        gsl_vector_free(pointer)
    }

    /// Copies a GSL vector (any stride) into an array.
    static func elements(of vector: UnsafePointer<gsl_vector>) -> [Double] {
        // NB: read through gsl_vector_get, which honours the vector's stride; the length
        // comes from the vector itself, never from the caller.
        (0..<vector.pointee.size).map { gsl_vector_get(vector, $0) }
    }

    /// Writes an array into a GSL vector of the same length.
    static func store(_ values: [Double], into vector: UnsafeMutablePointer<gsl_vector>) {
        precondition(values.count == vector.pointee.size, "vector length mismatch")
        for (i, value) in values.enumerated() {
            gsl_vector_set(vector, i, value)
        }
    }
}
