import DeviceProfiles
import Foundation
import MeterKit
import Testing

@Suite("Profile catalog")
struct ProfileCatalogTests {
    private var repoCatalog: ProfileCatalog {
        ProfileCatalog(directory: Repository.devices.path, environment: [:],
                       currentDirectory: Repository.root.path, executablePath: nil)
    }

    @Test("a stem is looked up in the devices directory and becomes the profile id")
    func lookupByStem() throws {
        let profile = try repoCatalog.load("sdm630")
        #expect(profile.id == "sdm630")
        #expect(profile.model == "SDM630")
    }

    @Test("a path, absolute or relative to the current directory, is loaded as given")
    func lookupByPath() throws {
        let absolute = Repository.devices.appendingPathComponent("sdm120.yaml").path
        #expect(try repoCatalog.load(absolute).id == "sdm120")
        #expect(try repoCatalog.load("devices/sdm120.yaml").model == "SDM120")
        // A path works without any devices directory at all.
        let bare = ProfileCatalog(directory: nil, environment: [:], currentDirectory: "/", executablePath: nil)
        #expect(try bare.load(absolute).id == "sdm120")
    }

    @Test("a missing path is an error naming the path")
    func missingPath() throws {
        let error = try #require(throws: ProfileError.self) { try repoCatalog.load("devices/nope.yaml") }
        #expect(error.description == "devices/nope.yaml: no such profile file")
    }

    @Test("an unknown stem lists the available stems and the directory searched")
    func unknownStem() throws {
        let error = try #require(throws: ProfileError.self) { try repoCatalog.load("sdm63") }
        let text = error.description
        #expect(text.hasPrefix("devices: unknown profile 'sdm63' (did you mean sdm630"), "\(text)")
        #expect(text.contains("available: \(repoCatalog.stems().joined(separator: ", ")) ("), "\(text)")
        #expect(text.contains("metergate-sim, sdm120, sdm630"), "\(text)")
        #expect(text.contains("devices directory given explicitly"), "\(text)")
        #expect(!text.contains("\n"))
    }

    @Test("stems are the profile files of the devices directory, sorted")
    func stemsAreSorted() {
        let stems = repoCatalog.stems()
        #expect(stems == stems.sorted())
        #expect(Set(["metergate-sim", "sdm120", "sdm630"]).isSubset(of: stems))
    }

    @Test("all() loads every shipped profile, sorted by id")
    func allLoads() throws {
        let profiles = try repoCatalog.all()
        #expect(profiles.map(\.id) == repoCatalog.stems())
    }

    @Test("all() fails on the first broken profile")
    func allFailsOnBrokenProfile() throws {
        let scratch = try Scratch(["good": minimalProfile, "oops": "manufacturer: X\n"])
        defer { scratch.remove() }
        let error = try #require(throws: ProfileError.self) { try scratch.catalog.all() }
        #expect(error.file == "devices/oops.yaml")
    }

    @Test("an explicit directory wins over METERGATE_DEVICES, which wins over walking up")
    func directoryPrecedence() throws {
        let first = try Scratch(["one": minimalProfile])
        let second = try Scratch(["two": minimalProfile])
        defer { first.remove(); second.remove() }
        let environment = ["METERGATE_DEVICES": second.devices.path]
        let explicit = ProfileCatalog(directory: first.devices.path, environment: environment,
                                      currentDirectory: second.root.path, executablePath: nil)
        #expect(explicit.stems() == ["one"])
        #expect(explicit.source == .explicit)
        let fromEnvironment = ProfileCatalog(environment: environment, currentDirectory: first.root.path, executablePath: nil)
        #expect(fromEnvironment.stems() == ["two"])
        #expect(fromEnvironment.source == .environment)
    }

    @Test("walking up from the current directory finds the nearest devices folder")
    func walkFromCurrentDirectory() throws {
        let scratch = try Scratch(["walk": minimalProfile])
        defer { scratch.remove() }
        let nested = scratch.root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let catalog = ProfileCatalog(environment: [:], currentDirectory: nested.path, executablePath: nil)
        #expect(catalog.source == .currentDirectory)
        #expect(catalog.directory?.path == scratch.devices.path)
        #expect(try catalog.load("walk").id == "walk")
    }

    @Test("a devices folder without profile files is passed over by the walk")
    func emptyDevicesFolderIsSkipped() throws {
        let scratch = try Scratch(["outer": minimalProfile])
        defer { scratch.remove() }
        let inner = scratch.root.appendingPathComponent("inner")
        try FileManager.default.createDirectory(at: inner.appendingPathComponent("devices"), withIntermediateDirectories: true)
        let catalog = ProfileCatalog(environment: [:], currentDirectory: inner.path, executablePath: nil)
        #expect(catalog.directory?.path == scratch.devices.path)
    }

    @Test("without one near the current directory, the executable's checkout is used")
    func walkFromExecutable() throws {
        let scratch = try Scratch(["exe": minimalProfile])
        let elsewhere = try Scratch()
        defer { scratch.remove(); elsewhere.remove() }
        try FileManager.default.removeItem(at: elsewhere.devices)
        let executable = scratch.root.appendingPathComponent(".build/debug/metergate").path
        let catalog = ProfileCatalog(environment: [:], currentDirectory: elsewhere.root.path, executablePath: executable)
        #expect(catalog.source == .executable)
        #expect(catalog.stems() == ["exe"])
    }

    @Test("a stem without any devices directory explains where it looked")
    func noDirectory() throws {
        let elsewhere = try Scratch()
        defer { elsewhere.remove() }
        try FileManager.default.removeItem(at: elsewhere.devices)
        let catalog = ProfileCatalog(environment: [:], currentDirectory: elsewhere.root.path, executablePath: nil)
        #expect(catalog.directory == nil)
        #expect(catalog.stems().isEmpty)
        let error = try #require(throws: ProfileError.self) { try catalog.load("sdm630") }
        #expect(error.description.contains("no devices directory found"))
        #expect(error.description.contains("METERGATE_DEVICES"))
    }

    @Test("errors in a profile name the file relative to the current directory")
    func displayPathIsRelative() {
        let url = URL(fileURLWithPath: "/work/main/devices/sdm630.yaml")
        #expect(ProfileParser.displayPath(for: url, currentDirectory: "/work/main") == "devices/sdm630.yaml")
        #expect(ProfileParser.displayPath(for: url, currentDirectory: "/tmp") == "/work/main/devices/sdm630.yaml")
        #expect(ProfileParser.displayPath(for: url, currentDirectory: "/") == "/work/main/devices/sdm630.yaml")
    }
}
