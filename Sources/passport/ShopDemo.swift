import ArgumentParser
import Credentials
import Foundation
import Verify

/// The last step of `passport demo`: a shop that imports only the co-op's trust list and checks
/// the code of one bottle, as `passport trust import` and `passport verify` would.
enum ShopDemo {
    static func run(trustList: URL, project: URL, now: Date, scratch: URL) throws {
        do {
            var store = try TrustStore(directory: scratch)
            let data = try Data(contentsOf: trustList)
            let imported = try store.importTrustList(data, path: trustList.path, trustNetwork: true, now: now)
            let key = try KeyStore(projectDirectory: project).load(id: "main")
            let code = try UnitCode.text(baseURL: "https://oliveto.example", gtin: "08012345000029", lot: "N2026S",
                                         serial: "000001", key: key)
            let verdict = Verifier(store: store, scanLog: nil, clock: { now }).verify(code)
            print("Shop: imported only \(imported.network.name)'s trust list (\(imported.network.members.count) members), then checked bottle 000001:")
            print("  passport verify '\(code.prefix(72))…'")
            print(verdict.line)
            verdict.detailLines.forEach { print($0) }
        } catch let error as VerifyError {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        } catch let error as CredentialError {
            Console.error(error.description)
            throw ExitCode(ExitStatus.problem)
        }
    }
}
