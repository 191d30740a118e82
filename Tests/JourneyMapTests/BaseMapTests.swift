import Foundation
import JourneyMap
import Testing

@Suite("Base map")
struct BaseMapTests {
    static let folder = Journeys.repository.appendingPathComponent("Templates/map")

    @Test("both levels load with every country, codes and Italian names")
    func load() throws {
        let base = Journeys.base
        for layer in [base.detail, base.coarse] {
            #expect(layer.countries.count == 250)
            let italy = try #require(layer.countries.first { $0.isoA3 == "ITA" })
            #expect(italy.isoA2 == "IT" && italy.englishName == "Italy" && italy.italianName == "Italia")
            // Natural Earth writes -99 for France's plain ISO codes; the map takes the _EH ones.
            let france = try #require(layer.countries.first { $0.englishName == "France" })
            #expect(france.isoA2 == "FR" && france.isoA3 == "FRA" && france.italianName == "Francia")
        }
        #expect(base.country(latitude: 43.0582, longitude: 11.4893)?.isoA3 == "ITA", "Montalcino")
        #expect(base.country(latitude: 43.9424, longitude: 12.4578)?.isoA3 == "SMR", "San Marino, an enclave")
        #expect(base.country(latitude: -16.7786, longitude: 179.3326)?.isoA3 == "FJI", "Savusavu")
        #expect(base.country(latitude: 40.0, longitude: -30.0) == nil, "mid-Atlantic")
    }

    @Test("a missing folder says where it looked and how to fix it")
    func missing() {
        let nowhere = URL(fileURLWithPath: "/nonexistent/map")
        #expect {
            try BaseMap(directory: nowhere)
        } throws: { error in
            guard case let .unreadable(path, _) = error as? MapDataError else { return false }
            return path.hasSuffix("/nonexistent/map/countries-detail.bin")
                && String(describing: error).contains("restore Templates/map/")
        }
    }

    @Test("a damaged file is refused with the byte where it went wrong", arguments: [0, 3, 5, 1000, 200_000])
    func damaged(length: Int) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(BaseMap.coarseFileName))
        #expect {
            try MapLayer(data: data.prefix(length), source: "coarse.bin")
        } throws: { error in
            guard case let .malformed(path, offset, _) = error as? MapDataError else { return false }
            return path == "coarse.bin" && offset <= length && String(describing: error).contains("convert.py")
        }
    }

    @Test("a file of another kind or version is refused")
    func foreign() throws {
        var data = try Data(contentsOf: Self.folder.appendingPathComponent(BaseMap.coarseFileName))
        #expect(throws: MapDataError.malformed(path: "x", offset: 0, reason: "it does not start with JMAP")) {
            try MapLayer(data: Data("PK\u{3}\u{4}".utf8) + data.dropFirst(4), source: "x")
        }
        data[4] = 2
        #expect(throws: MapDataError.malformed(path: "x", offset: 5, reason: "version 2 is not 1")) {
            try MapLayer(data: data, source: "x")
        }
        var trailing = try Data(contentsOf: Self.folder.appendingPathComponent(BaseMap.coarseFileName))
        trailing.append(0)
        #expect(throws: MapDataError.self) { try MapLayer(data: trailing, source: "x") }
    }

    @Test("the committed files have the digests the README lists")
    func digests() throws {
        let readme = try String(contentsOf: Self.folder.appendingPathComponent("README.md"), encoding: .utf8)
        for name in [BaseMap.detailFileName, BaseMap.coarseFileName] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [Self.folder.appendingPathComponent(name).path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let digest = try #require(text.split(separator: " ").first)
            #expect(readme.contains("\(digest)  \(name)"), "README.md lists \(name) as \(digest)")
        }
    }
}
