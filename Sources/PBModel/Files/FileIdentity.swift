package import Foundation

/// What a path is on disk, after following symbolic links: its kind, device and inode.
///
/// Two paths name the same file when their device and inode are equal, whatever links, `..` or hard
/// links lead to it; commands compare their output with each of their inputs this way.
package struct FileIdentity: Hashable, Sendable {
    /// The kind of file a path leads to.
    package enum Kind: Sendable, Hashable {
        case regular, directory, fifo, characterDevice, blockDevice, socket, other

        /// For messages: "a folder", "a FIFO", ...
        package var phrase: String {
            switch self {
            case .regular: "a regular file"
            case .directory: "a folder"
            case .fifo: "a FIFO (named pipe)"
            case .characterDevice: "a character device"
            case .blockDevice: "a block device"
            case .socket: "a socket"
            case .other: "not a regular file"
            }
        }
    }

    /// The device.
    package var device: UInt64
    /// The inode.
    package var inode: UInt64
    /// The kind of file.
    package var kind: Kind
    /// The permission bits (`st_mode & 0o7777`).
    package var permissions: UInt32
    /// The owner and group.
    package var owner: UInt32, group: UInt32
    /// The size in bytes (meaningful for regular files).
    package var size: Int64

    /// The file `path` leads to (following links), or `nil` when there is none.
    package init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The file the open descriptor `fd` refers to.
    package init?(descriptor fd: Int32) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        permissions = UInt32(info.st_mode) & 0o7777
        owner = UInt32(info.st_uid)
        group = UInt32(info.st_gid)
        size = Int64(info.st_size)
        switch UInt32(info.st_mode) & UInt32(S_IFMT) {
        case UInt32(S_IFREG): kind = .regular
        case UInt32(S_IFDIR): kind = .directory
        case UInt32(S_IFIFO): kind = .fifo
        case UInt32(S_IFCHR): kind = .characterDevice
        case UInt32(S_IFBLK): kind = .blockDevice
        case UInt32(S_IFSOCK): kind = .socket
        default: kind = .other
        }
    }

    /// Whether `self` and `other` are the same file (device and inode).
    package func isSameFile(as other: FileIdentity) -> Bool {
        device == other.device && inode == other.inode
    }
}

/// A file that cannot be read or written, with the reason, for `<path>: <message>` lines.
package struct FileProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as the user gave it.
    package var path: String
    /// What is wrong.
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var description: String { "\(path): \(message)" }

    /// The current `errno` as words.
    static func reason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

/// Reading an input file whole, with a size bound: only regular files are read, so a folder, a FIFO or
/// a device (`/dev/zero`) is refused with what it is instead of hanging or filling memory.
package enum InputFile {
    /// Reads the regular file at `path`, at most `limit` bytes.
    ///
    /// - Throws: ``FileProblem`` when there is no such file, it is not a regular file, it is larger
    ///   than `limit`, or reading fails.
    package static func read(path: String, limit: Int) throws(FileProblem) -> Data {
        guard let identity = FileIdentity(path: path) else {
            let code = errno
            throw FileProblem(path: path, message: code == ENOENT ? "no such file" : FileProblem.reason(code))
        }
        guard identity.kind == .regular else {
            throw FileProblem(path: path, message: "is \(identity.kind.phrase), not a file pbsim can read")
        }
        guard identity.size <= Int64(limit) else {
            throw FileProblem(
                path: path, message: "the file is \(identity.size) bytes, over the limit of \(limit) bytes")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileProblem(path: path, message: "cannot open: \(FileProblem.reason())") }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            // One byte more than the limit tells a file that grew since `stat` from one at the limit.
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else {
                throw FileProblem(path: path, message: "the file is over the limit of \(limit) bytes")
            }
            return data
        } catch let problem as FileProblem {
            throw problem
        } catch {
            throw FileProblem(path: path, message: "cannot read: \(error.localizedDescription)")
        }
    }
}
