import Foundation
import Testing

/// The shipped demo scenario, copied into `folder`.
private func scenario(in folder: Folder, name: String = "in.yaml") throws -> String {
    let path = folder.file(name)
    try FileManager.default.copyItem(atPath: packageRoot + "/Scenarios/riverside.yaml", toPath: path)
    return path
}

private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

private func permissions(_ path: String) throws -> Int {
    try #require((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? Int)
}

private func partials(in folder: Folder) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".pbsim-partial-") }
}

@Suite("Output files: never over an input, atomic, through links, devices and FIFOs")
struct FileSafetyTests {
    @Test("report refuses to write over its input, by name, through a symbolic link or a hard link")
    func sameFile() throws {
        let folder = try Folder()
        let input = try scenario(in: folder)
        let before = bytes(input)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.yaml"), withDestinationPath: "in.yaml")
        try FileManager.default.linkItem(atPath: input, toPath: folder.file("hard.yaml"))
        for output in [input, folder.file("link.yaml"), folder.file("hard.yaml"), "./in.yaml"] {
            let r = try run(["report", "in.yaml", "-o", output, "--runs", "2"], in: folder.path)
            #expect(r.status == 1, "\(output)")
            #expect(r.stderr.contains("is an input of this command"), "\(r.stderr)")
            #expect(bytes(input) == before)
        }
    }

    @Test("report refuses to write over the .pb file its scenario reads")
    func scenarioElection() throws {
        let folder = try Folder()
        let pb = folder.file("wars.pb")
        try FileManager.default.copyItem(
            atPath: packageRoot + "/Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_2017_wars.pb", toPath: pb)
        let yaml = try String(contentsOfFile: packageRoot + "/Scenarios/real-ballots.yaml", encoding: .utf8)
            .replacingOccurrences(of: "file: poland_warszawa_2017_wars.pb", with: "file: wars.pb")
        #expect(FileManager.default.createFile(atPath: folder.file("real.yaml"), contents: Data(yaml.utf8)))
        let before = bytes(pb)
        let r = try run(["report", "real.yaml", "-o", "wars.pb", "--runs", "2"], in: folder.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("wars.pb: is an input of this command"), "\(r.stderr)")
        #expect(bytes(pb) == before)
    }

    @Test("an output through a symbolic link writes its target, keeps the link and the target's mode 600")
    func symlinkAndMode() throws {
        let folder = try Folder()
        _ = try scenario(in: folder)
        let target = folder.file("out.html")
        #expect(FileManager.default.createFile(atPath: target, contents: Data("old".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.html"), withDestinationPath: "out.html")
        let r = try run(["report", "in.yaml", "-o", "link.html", "--runs", "2"], in: folder.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("through the symbolic link to out.html"), "\(r.stdout)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.html")) == "out.html")
        #expect(String(decoding: bytes(target) ?? Data(), as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        #expect(try permissions(target) == 0o600)
        #expect(try partials(in: folder).isEmpty)
    }

    @Test("a symbolic link to a missing file and a folder are refused, nothing created")
    func refusedTargets() throws {
        let folder = try Folder()
        _ = try scenario(in: folder)
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("dangling.html"), withDestinationPath: "gone.html")
        try FileManager.default.createDirectory(atPath: folder.file("dir"), withIntermediateDirectories: false)
        let dangling = try run(["report", "in.yaml", "-o", "dangling.html", "--runs", "2"], in: folder.path)
        #expect(dangling.status == 1)
        #expect(dangling.stderr.contains("symbolic link to gone.html, which does not exist"), "\(dangling.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("gone.html")))
        let dir = try run(["report", "in.yaml", "-o", "dir", "--runs", "2"], in: folder.path)
        #expect(dir.status == 1)
        #expect(dir.stderr.contains("dir: is a folder"), "\(dir.stderr)")
    }

    @Test("-o /dev/null writes through the device, which stays a device")
    func device() throws {
        let folder = try Folder()
        _ = try scenario(in: folder)
        let r = try run(["report", "in.yaml", "-o", "/dev/null", "--runs", "2"], in: folder.path)
        #expect(r.status == 0, "\(r.stderr)")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }

    @Test("-o a FIFO streams the whole page to its reader; the FIFO stays")
    func fifo() throws {
        let folder = try Folder()
        _ = try scenario(in: folder)
        #expect(mkfifo(folder.file("pipe"), 0o644) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [folder.file("pipe")]
        #expect(FileManager.default.createFile(atPath: folder.file("got.html"), contents: nil))
        reader.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file("got.html")))
        try reader.run()
        let r = try run(["report", "in.yaml", "-o", "pipe", "--runs", "2"], in: folder.path)
        #expect(r.status == 0, "\(r.stderr)")
        reader.waitUntilExit()
        let reference = try run(["report", "in.yaml", "-o", "file.html", "--runs", "2"], in: folder.path)
        #expect(reference.status == 0)
        #expect(bytes(folder.file("got.html")) == bytes(folder.file("file.html")))
        let type = try FileManager.default.attributesOfItem(atPath: folder.file("pipe"))[.type] as? FileAttributeType
        #expect(type != .typeRegular)
    }

    @Test("partial files of dead processes are removed on the next write; a live process's stays")
    func stalePartials() throws {
        let folder = try Folder()
        _ = try scenario(in: folder)
        // A process that has exited: its pid names no running process (unless reused, in which case the
        // file is kept, which the assertion below tolerates by checking the live one only when dead).
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let stale = folder.file(".out.html.pbsim-partial-\(dead.processIdentifier)-abcdefabcdef")
        let live = folder.file(".out.html.pbsim-partial-\(getpid())-abcdefabcdef")
        #expect(FileManager.default.createFile(atPath: stale, contents: Data("half".utf8)))
        #expect(FileManager.default.createFile(atPath: live, contents: Data("half".utf8)))
        let r = try run(["report", "in.yaml", "-o", "out.html", "--runs", "2"], in: folder.path)
        #expect(r.status == 0, "\(r.stderr)")
        if kill(dead.processIdentifier, 0) != 0 { #expect(!FileManager.default.fileExists(atPath: stale)) }
        #expect(FileManager.default.fileExists(atPath: live))
    }

    @Test("a killed report leaves the old file whole")
    func killed() throws {
        let folder = try Folder()
        _ = try scenario(in: folder)
        let output = folder.file("out.html")
        #expect(FileManager.default.createFile(atPath: output, contents: Data("old report".utf8)))
        for delay in [0.05, 0.3, 0.8] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: try pbsim())
            p.arguments = ["report", "in.yaml", "-o", "out.html", "--runs", "300"]
            p.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let text = String(decoding: bytes(output) ?? Data(), as: UTF8.self)
            #expect(text == "old report" || (text.hasPrefix("<!DOCTYPE html>") && text.hasSuffix("</html>\n")))
        }
    }

    @Test("a failed write on standard output exits 1 with one message, no crash", arguments: ["> /dev/full", ">&-"])
    func standardOutput(_ redirection: String) throws {
        let pb = packageRoot + "/Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_2017_wars.pb"
        let r = try shell("'\(try pbsim())' elect '\(pb)' --rule greedy-cost \(redirection)")
        #expect(r.status == 1, "\(r.stderr)")
        #expect(!r.stderr.contains("crashed") && !r.stderr.contains("Backtrace"), "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: cannot write to standard output"), "\(r.stderr)")
    }
}
