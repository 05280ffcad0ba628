import Foundation

/// Validates pabulib `.pb` files as the community's validator, pabulib-checker 1.0.8, does: the
/// same checks under the same identifiers, errors and warnings alike, with the line of the row
/// where a problem belongs to one.
///
/// Where the checker itself crashes (it then reports a single `processing error` and loses every
/// other finding), this reports the real problem and everything else it finds; where the checker
/// defines a check it never runs (`vote with duplicated projects`), this runs it. The rule checks
/// of the recorded `selected` set use pbsim's own exact rules (``PBRules``).
///
/// ```swift
/// let report = PabulibCheck.check(path: "poland_warszawa_2017_sadul.pb")
/// report.errors.map(\.check)  // ["invalid meta field value"]: `language;polish` is no ISO 639-1 code
/// ```
public enum PabulibCheck {
    /// Checks the file at `path`. A file that cannot be read gives one error, `file not found`
    /// or `unreadable file`.
    public static func check(path: String) -> CheckReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return CheckReport(
                file: path, errors: [CheckFinding(check: "file not found", line: nil, message: "no such file")])
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            return CheckReport(
                file: path,
                errors: [
                    CheckFinding(
                        check: "unreadable file", line: nil,
                        message: isDirectory.boolValue ? "is a directory" : "permission denied or I/O error")
                ])
        }
        return check(bytes: [UInt8](data), file: path)
    }

    /// Checks pabulib text given as bytes; `file` names it in the report.
    public static func check(bytes: [UInt8], file: String = "<input>") -> CheckReport {
        var run = CheckRun(text: CheckerText(bytes: bytes))
        run.runAll()
        return CheckReport(file: file, errors: run.errors, warnings: run.warnings)
    }

    /// Checks pabulib text given as a string.
    public static func check(text: String, file: String = "<input>") -> CheckReport {
        check(bytes: Array(text.utf8), file: file)
    }
}

/// One file being checked: the parsed file, the findings so far, and the values several checks
/// share.
struct CheckRun {
    var file: CheckedFile
    let text: CheckerText
    var errors: [CheckFinding] = []
    var warnings: [CheckFinding] = []
    /// Findings standing for a place where pabulib-checker 1.0.8 would crash: added at the end
    /// unless an error of the same id already says it.
    var crashes: [CheckFinding] = []
    /// META `min_project_score_threshold`, 0 when absent (or not an integer: a crash).
    var threshold = 0
    /// `score` when PROJECTS has a score column, else `votes`.
    var resultsField = "votes"
    /// Each voter's `vote` items as the checker splits them (a missing column reads as `[]`).
    let ballots: [[String]]

    init(text: CheckerText) {
        self.text = text
        let file = CheckedFile(text: text)
        self.file = file
        ballots = file.voters.map { Py.splitList(file.voter($0, "vote") ?? "") }
    }

    mutating func error(_ check: String, _ message: String, line: Int? = nil) {
        errors.append(CheckFinding(check: check, line: line, message: message))
    }

    mutating func warning(_ check: String, _ message: String, line: Int? = nil) {
        warnings.append(CheckFinding(check: check, line: line, message: message))
    }

    /// Where the checker raises an exception: the real problem, reported as an error.
    mutating func crash(_ check: String, _ message: String, line: Int? = nil) {
        crashes.append(CheckFinding(check: check, line: line, message: message))
    }

    mutating func runAll() {
        if let bad = text.invalidUTF8 {
            error(
                "invalid encoding", "the file is not UTF-8 (byte \(bad.offset + 1) on line \(bad.line)).",
                line: bad.line)
        }
        if let line = text.overlongField {
            crash(
                "file structure error", "a field is longer than \(CheckerText.fieldLimit) characters.", line: line)
        }
        if text.removedBlankLines > 0 {
            warning("empty lines removed", "Removed \(text.removedBlankLines) empty lines from the file.")
        }
        if let t = file.meta.values["min_project_score_threshold"] {
            if let v = Py.int(t) {
                threshold = v
            } else {
                crash(
                    t.isEmpty ? "invalid meta field value" : "incorrect meta field datatype",
                    "min_project_score_threshold `\(t)` is not an integer.",
                    line: file.meta.lines["min_project_score_threshold"])
            }
        }
        resultsField = file.scoresInProjects ? "score" : "votes"

        checkParsingMarkers()
        checkCommasInFloats()
        checkBudgets()
        checkNumberOfVotes()
        checkNumberOfProjects()
        checkListWhitespace()
        checkVoteLength()
        checkDuplicatedProjectsInVotes()
        checkVoteTypeConstraints()
        checkApprovalCostConstraints()
        checkVotesForUnknownProjects()
        checkVotesAndScores()
        verifySelected()
        checkFields()
        checkDatasetQuality()

        let reported = Set(errors.map(\.check))
        var added: Set<String> = []
        for c in crashes where !reported.contains(c.check) && !added.contains(c.check) {
            errors.append(c)
            added.insert(c.check)
        }
    }

    mutating func checkParsingMarkers() {
        for n in file.structureErrors { error("file structure error", n.message, line: n.line) }
        for n in file.structureWarnings { warning("file structure warning", n.message, line: n.line) }
    }
}
