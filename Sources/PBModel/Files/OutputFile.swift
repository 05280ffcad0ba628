package import Foundation

/// The one way pbsim writes an output file (`-o`), so that no write can destroy a file by accident or
/// be turned against its user:
///
/// - **Never over an input.** The output is compared with each input by device and inode, after
///   following links, and refused when it is one of them.
/// - **Atomic.** A regular file is written to a temporary file beside it, created exclusively
///   (`O_CREAT | O_EXCL | O_NOFOLLOW`, mode 600, a random name, as `mkstemp` does, so a link planted
///   there is never followed), flushed and renamed into place: a failure or a kill leaves the old
///   file whole. The replacement keeps the old file's permissions (and owner, when allowed).
/// - **Links are followed.** An output that is a symbolic link writes the file it points to; the link
///   stays. A link to a missing file is refused.
/// - **Devices and FIFOs are written through** (`-o /dev/null`, `-o /dev/stdout`, a named pipe), never
///   replaced by a regular file. Block devices, sockets and folders are refused.
/// - **Leftovers are named and cleaned.** Temporary files are `.<name>.pbsim-partial-<pid>-<random>`;
///   the next write of the same output removes those left by processes that no longer run.
package enum OutputFile {
    /// The marker in the name of every temporary file: a file whose name contains it is a partial
    /// write, safe to delete once no pbsim runs.
    package static let partialMarker = ".pbsim-partial-"

    /// How an output was written.
    package struct Written: Sendable, Hashable {
        /// The path as given.
        package var path: String
        /// The file written: `path`, or where its symbolic link leads.
        package var target: String
        /// Whether `path` was a symbolic link (followed to `target`).
        package var throughLink: Bool
        /// Whether the data was written through to a device or a FIFO rather than to a regular file.
        package var streamed: Bool
    }

    /// Writes `data` to `path` as described on ``OutputFile``.
    ///
    /// - Parameters:
    ///   - data: The whole content.
    ///   - path: The output as the user gave it.
    ///   - inputs: The command's input files; `path` must not be one of them.
    /// - Throws: ``FileProblem`` naming `path` and the reason; the old file, if any, is left whole.
    @discardableResult
    package static func write(_ data: Data, to path: String, inputs: [String] = []) throws(FileProblem) -> Written {
        let (target, throughLink) = try resolve(path)
        try refuseInputs(path, target: target, inputs: inputs)
        let existing = FileIdentity(path: target)
        var written = Written(path: path, target: target, throughLink: throughLink, streamed: false)
        switch existing?.kind {
        case nil, .regular:
            try replace(target, shownAs: path, existing: existing) { (fd) throws(FileProblem) in
                try writeAll(data, to: fd, path: path)
            }
        case .fifo, .characterDevice:
            let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw FileProblem(path: path, message: "cannot open: \(FileProblem.reason())") }
            defer { close(fd) }
            try writeAll(data, to: fd, path: path)
            written.streamed = true
        case .directory:
            throw FileProblem(path: path, message: "is a folder; give a file name")
        case .some(let kind):
            throw FileProblem(path: path, message: "is \(kind.phrase); refusing to write to it")
        }
        return written
    }

    /// Throws when `output` (resolved to `target`) is the same file as one of `inputs`.
    package static func refuseInputs(_ output: String, target: String? = nil, inputs: [String]) throws(FileProblem) {
        guard let out = FileIdentity(path: target ?? output) else { return }
        for input in inputs {
            if let identity = FileIdentity(path: input), identity.isSameFile(as: out) {
                let alias = input == output ? "" : " (\(input))"
                throw FileProblem(
                    path: output,
                    message: "is an input of this command\(alias); refusing to write over it (choose another output)")
            }
        }
    }

    /// Follows `path` through symbolic links to the file they lead to.
    ///
    /// - Returns: The target and whether `path` was a link.
    /// - Throws: ``FileProblem`` for a link to a missing file, a loop, or a missing folder.
    package static func resolve(_ path: String) throws(FileProblem) -> (target: String, throughLink: Bool) {
        var current = path
        var hops = 0
        while let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) {
            hops += 1
            guard hops <= 40 else { throw FileProblem(path: path, message: "too many levels of symbolic links") }
            current = destination.hasPrefix("/") ? destination : joined(folder(of: current), destination)
        }
        if hops > 0 && FileIdentity(path: current) == nil {
            throw FileProblem(
                path: path, message: "is a symbolic link to \(current), which does not exist; refusing to create it")
        }
        let folder = folder(of: current)
        let folderIdentity = FileIdentity(path: folder.isEmpty ? "." : folder)
        guard folderIdentity?.kind == .directory else {
            throw FileProblem(path: path, message: "cannot write: there is no folder \(folder)")
        }
        return (current, hops > 0)
    }

    /// Replaces (or creates) the regular file `target` atomically: `fill` writes the content to an
    /// exclusively created temporary file beside it, which then gets `existing`'s permissions and is
    /// renamed into place. Stale partial files of dead processes beside `target` are removed first.
    ///
    /// - Parameters:
    ///   - target: The file to replace (links already resolved).
    ///   - shownAs: The path for messages.
    ///   - existing: What `target` is now, or `nil` when it does not exist.
    ///   - fill: Writes the content to the temporary file's descriptor (closed afterwards).
    package static func replace(
        _ target: String, shownAs: String, existing: FileIdentity?, fill: (Int32) throws(FileProblem) -> Void
    ) throws(FileProblem) {
        removeStalePartials(beside: target)
        let (temporary, fd) = try createTemporary(beside: target, shownAs: shownAs)
        do {
            defer { close(fd) }
            try fill(fd)
        } catch {
            unlink(temporary)
            throw error
        }
        try install(temporary, as: target, existing: existing, shownAs: shownAs)
    }

    /// Puts the finished temporary file in place of `target`: gives it the final permissions (the
    /// old file's, else 0666 less the umask), flushes it to disk and renames it; on failure the
    /// temporary file is removed and `target` is left as it was.
    ///
    /// - Parameters:
    ///   - temporary: A file made by ``createTemporary(beside:shownAs:)`` and written.
    ///   - target: The file to replace (links already resolved).
    ///   - existing: What `target` is now, or `nil` when it does not exist.
    ///   - shownAs: The path for messages.
    package static func install(_ temporary: String, as target: String, existing: FileIdentity?, shownAs: String)
        throws(FileProblem)
    {
        func fail() -> FileProblem {
            let problem = FileProblem(path: shownAs, message: "cannot write: \(FileProblem.reason())")
            unlink(temporary)
            return problem
        }
        let fd = open(temporary, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw fail() }
        let mode: UInt32
        if let existing {
            mode = existing.permissions
            // As root (or the owner with the group), keep the owner and group too; otherwise best effort.
            _ = fchown(fd, existing.owner, existing.group)
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~UInt32(mask)
        }
        let flushed = fchmod(fd, mode_t(mode)) == 0 && fsync(fd) == 0
        let code = errno
        close(fd)
        guard flushed else {
            errno = code
            throw fail()
        }
        guard rename(temporary, target) == 0 else { throw fail() }
    }

    /// Creates an empty temporary file beside `target`, exclusively and without following links.
    ///
    /// - Returns: Its path and an open descriptor (write-only, mode 600).
    package static func createTemporary(beside target: String, shownAs: String) throws(FileProblem) -> (
        path: String, fd: Int32
    ) {
        let folder = folder(of: target)
        let prefix = "." + name(of: target) + partialMarker + String(getpid()) + "-"
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let random = String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
            let path = joined(folder, prefix + random)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (path, fd) }
            if errno != EEXIST {
                throw FileProblem(path: shownAs, message: "cannot create a temporary file: \(FileProblem.reason())")
            }
        }
        throw FileProblem(path: shownAs, message: "cannot create a temporary file: every random name taken")
    }

    /// Removes the partial files beside `target` left by pbsim processes that no longer run (regular
    /// files of this user only; links and others' files are left alone).
    package static func removeStalePartials(beside target: String) {
        let folder = folder(of: target)
        let prefix = "." + name(of: target) + partialMarker
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else {
            return
        }
        for name in names where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = joined(folder, name)
            var info = stat()
            guard lstat(path, &info) == 0, UInt32(info.st_mode) & UInt32(S_IFMT) == UInt32(S_IFREG),
                info.st_uid == geteuid()
            else { continue }
            unlink(path)
        }
    }

    /// The folder part of `path` (`""` for a bare name, `/` for a file at the root).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `name` in `folder` (`name` alone when `folder` is empty).
    static func joined(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Writes all of `data` to `fd`, retrying short writes.
    package static func writeAll(_ data: Data, to fd: Int32, path: String) throws(FileProblem) {
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw FileProblem(path: path, message: "cannot write: \(reason(of: error))")
        }
    }

    /// The words for a failed write of `FileHandle` (its POSIX reason, e.g. "No space left on device").
    package static func reason(of error: any Error) -> String {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return FileProblem.reason(Int32(error.code)) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return FileProblem.reason(Int32(underlying.code))
        }
        return error.localizedDescription
    }
}
