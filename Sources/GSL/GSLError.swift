internal import CGSL

// NB: GSL's default error handler prints a message and calls abort(), which would kill a
// whole Monte Carlo run over one bad input. We turn it off once, lazily and thread-safely
// (a global `let` is initialised with swift_once), before the first GSL call, and read the
// status codes that GSL functions return instead.
let gslErrorHandlerDisabled: Void = {
    _ = gsl_set_error_handler_off()
}()

/// Throws a ``GSLError`` unless a GSL function returned `GSL_SUCCESS`.
///
/// This is the one place where GSL status codes become Swift errors.
func check(_ status: Int32, _ function: String) throws(GSLError) {
    guard status == GSL_SUCCESS else {
        throw GSLError(status: status, function: function)
    }
}

/// An error reported by GSL, or an input that a wrapper refused before calling GSL.
///
/// GSL reports failures as integer status codes. A wrapper turns a failing status into a
/// `GSLError` that carries the code, the GSL function that failed and GSL's own text for the
/// code, so its ``description`` reads:
///
/// ```
/// gsl_multimin_fminimizer_iterate failed: problem with user-supplied function (GSL code 9)
/// ```
///
/// Wrappers also check their inputs in Swift before calling GSL, and throw a domain error
/// (``domain(_:_:)``) naming the Swift API and the offending parameter:
///
/// ```swift
/// do {
///     _ = try random.binomial(p: 1.5, trials: 10)
/// } catch {
///     print(error)  // RandomSource.binomial(p:trials:): p: expected a value in [0, 1], got 1.5
/// }
/// ```
public struct GSLError: Error, Equatable, CustomStringConvertible {
    /// A GSL status code, such as `GSL_EDOM` or `GSL_EBADFUNC`.
    ///
    /// The raw value is the integer GSL returns; the named constants cover the codes that
    /// this module's wrappers can report.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The integer status code as GSL defines it in `gsl_errno.h`.
        public let rawValue: Int32

        /// Creates a code from GSL's integer status.
        ///
        /// - Parameter rawValue: A status code from `gsl_errno.h`.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// An input domain error (`GSL_EDOM`, 1); also the code of every input check made in Swift.
        public static let domain = Code(rawValue: Int32(GSL_EDOM))
        /// An invalid argument supplied by the caller (`GSL_EINVAL`, 4).
        public static let invalidArgument = Code(rawValue: Int32(GSL_EINVAL))
        /// A generic failure (`GSL_EFAILED`, 5), e.g. a simplex contraction onto non-finite values.
        public static let failed = Code(rawValue: Int32(GSL_EFAILED))
        /// A failed memory allocation (`GSL_ENOMEM`, 8).
        public static let outOfMemory = Code(rawValue: Int32(GSL_ENOMEM))
        /// A problem with a user-supplied function, such as a non-finite value (`GSL_EBADFUNC`, 9).
        public static let badFunction = Code(rawValue: Int32(GSL_EBADFUNC))
        /// The maximum number of iterations was exceeded (`GSL_EMAXITER`, 11).
        public static let maxIterations = Code(rawValue: Int32(GSL_EMAXITER))
        /// An iteration is not making progress towards a solution (`GSL_ENOPROG`, 27).
        public static let noProgress = Code(rawValue: Int32(GSL_ENOPROG))

        /// GSL's own text for the code, e.g. `input domain error`.
        ///
        /// The corresponding GSL function is `gsl_strerror`.
        public var description: String {
            String(cString: gsl_strerror(rawValue))
        }
    }

    /// The status code: GSL's, or ``Code/domain`` for an input checked in Swift.
    public let code: Code

    /// The function that failed: a GSL function name (`gsl_…`), or for an input check the
    /// Swift API that refused the input, e.g. `RandomSource.binomial(p:trials:)`.
    public let function: String

    /// What went wrong: GSL's text for the code (from `gsl_strerror`), or for an input check
    /// the parameter, what was expected and what was given.
    public let message: String

    // NB: distinguishes the two message shapes; part of equality so that a GSL failure
    // never compares equal to an input check with the same text.
    private let isInputCheck: Bool

    /// Creates the error for a failing GSL status code; the message is GSL's text for it.
    init(status: Int32, function: String) {
        _ = gslErrorHandlerDisabled
        let code = Code(rawValue: status)
        self.code = code
        self.function = function
        self.message = code.description
        self.isInputCheck = false
    }

    private init(domainFunction function: String, message: String) {
        self.code = .domain
        self.function = function
        self.message = message
        self.isInputCheck = true
    }

    /// Creates the error for an input that a wrapper refused before calling GSL.
    ///
    /// ```swift
    /// throw GSLError.domain("RandomSource.poisson(mean:)", "mean: expected a value in [0, 2^31], got -1.0")
    /// ```
    ///
    /// - Parameters:
    ///   - function: The Swift API that refused the input, e.g. `RandomSource.binomial(p:trials:)`.
    ///   - message: The parameter, what was expected and what was given:
    ///     `<parameter>: expected <x>, got <y>`.
    /// - Returns: An error whose ``code`` is ``Code/domain``.
    public static func domain(_ function: String, _ message: String) -> GSLError {
        GSLError(domainFunction: function, message: message)
    }

    /// The message shown to the user.
    ///
    /// A GSL failure reads `<gsl function> failed: <gsl_strerror text> (GSL code <n>)`; an
    /// input check reads `<Swift API>: <parameter>: expected <x>, got <y>`.
    public var description: String {
        if isInputCheck {
            return "\(function): \(message)"
        }
        return "\(function) failed: \(message) (GSL code \(code.rawValue))"
    }
}
