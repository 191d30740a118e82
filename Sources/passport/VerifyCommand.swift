import ArgumentParser
import Credentials
import Foundation
import Verify
import Pictures

/// Exit codes of `passport verify` (also in docs/verification.md).
enum VerifyExit {
    static let genuine: Int32 = 0
    static let notGenuine: Int32 = 1
    static let warnings: Int32 = 2
    static let usage: Int32 = 64

    /// The code for a run that gave these verdicts: the worst one counts.
    static func status(for kinds: [Verdict.Kind]) -> Int32 {
        if kinds.contains(where: { !$0.isGenuine }) { return notGenuine }
        if kinds.contains(.genuineWithWarnings) { return warnings }
        return genuine
    }
}

/// Where the shop's trust store and scan log live.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The trust store folder (trusted producers and certifiers, imported bundles, scan log).",
                               discussion: "Default: $PASSPORT_STORE, else ~/.local/share/passport.", valueName: "dir"))
    var store: String?

    var url: URL {
        store.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? TrustStore.defaultDirectory()
    }

    /// Opens the store, exiting with a usage error when it is damaged.
    func open() throws -> TrustStore {
        do { return try TrustStore(directory: url) } catch {
            Console.error(error.description)
            throw ExitCode(VerifyExit.usage)
        }
    }
}

/// "Now" for commands that check dates: `--now` (for testing), else $PASSPORT_NOW, else the clock.
struct ClockOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Check as if it were this time (for testing), e.g. 2027-06-01T00:00:00Z.",
                               visibility: .hidden))
    var now: String?

    func date() throws -> Date { try fixed() ?? Date() }

    /// The injected time, if one was given.
    func fixed() throws -> Date? {
        guard let text = now ?? ProcessInfo.processInfo.environment["PASSPORT_NOW"], !text.isEmpty else { return nil }
        guard let date = XSDDateTime.date(from: text) else {
            Console.error("--now / PASSPORT_NOW is `\(text)`, not a date and time like 2027-06-01T00:00:00Z")
            throw ExitCode(VerifyExit.usage)
        }
        return date
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check whether a product's passport code is genuine — offline, at the counter.",
        discussion: """
        Give the code as text (what a scanner or a person reads), stream a USB scanner with --stdin \
        (one verdict per line as each code arrives), or read a photo or screenshot with --image \
        (PNG or JPEG; one verdict per code in the picture).

        Verdicts: GENUINE · GENUINE with warnings · SEEN BEFORE · RECALLED · TAMPERED · \
        UNKNOWN ISSUER · UNKNOWN PRODUCT OR BATCH · NOT A PASSPORT CODE. Every scan is recorded \
        in the scan log, so a second scan of the same serial says SEEN BEFORE — unless it is the \
        same shop again within --same-sale-minutes (default 10) of the first scan: that is the \
        same sale, shown as "scanned again here at HH:MM".

        Exit codes: 0 genuine; 2 genuine with warnings; 1 not genuine (any other verdict); \
        64 usage error (wrong arguments, damaged trust store, unreadable image). With several \
        codes the worst verdict decides. See docs/verification.md.
        """
    )

    @Argument(help: "The code's text, e.g. https://oliveto.example/01/08012345000029/10/N2026S/21/000042?s=…")
    var code: String?

    @Flag(help: "Read codes from standard input, one per line (a USB scanner), until the end of input.")
    var stdin = false

    @Option(help: ArgumentHelp("A photo or screenshot (PNG or JPEG) to read codes from.", valueName: "file"))
    var image: String?

    @Flag(help: "Write each verdict as one line of JSON, for a till system.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var clockOptions: ClockOptions

    @Option(help: ArgumentHelp("The scan log (SQLite). Default: scans.sqlite in the trust store.", valueName: "path"))
    var scanLog: String?

    @Flag(help: "Do not record scans, and do not look for earlier ones.")
    var noScanLog = false

    @Option(help: "This shop's name in the scan log (default: $PASSPORT_SHOP, else the computer's name).")
    var shop: String?

    @Option(help: ArgumentHelp("Warn when a producer's bundle is older than this many days.", valueName: "days"))
    var maxBundleAge: Double = 30

    @Option(help: ArgumentHelp("A unit scanned again at this shop within this many minutes of its first scan is the same sale, not a copy.",
                               valueName: "minutes"))
    var sameSaleMinutes: Double = 10

    func validate() throws {
        let sources = [code != nil, stdin, image != nil].filter { $0 }.count
        guard sources == 1 else {
            throw ValidationError(sources == 0
                ? "Give a code to check, or --stdin for a scanner, or --image FILE for a photo."
                : "Give only one of: a code, --stdin, --image FILE.")
        }
        guard maxBundleAge > 0, maxBundleAge.isFinite else {
            throw ValidationError("--max-bundle-age must be a positive number of days.")
        }
        guard sameSaleMinutes >= 0, sameSaleMinutes.isFinite else {
            throw ValidationError("--same-sale-minutes must be 0 or more minutes.")
        }
        guard !(noScanLog && scanLog != nil) else {
            throw ValidationError("Use either --scan-log PATH or --no-scan-log, not both.")
        }
    }

    func run() throws {
        let fixed = try clockOptions.fixed()
        let store = try storeOptions.open()
        if store.producers.isEmpty {
            Console.error("note: the trust store \(store.directory.path) trusts no producer yet; import a bundle with `passport trust import`")
        }
        var picture: GrayImage?
        if let image {
            do { picture = try GrayImage(contentsOfFile: image) } catch {
                Console.error(error.description)
                throw ExitCode(VerifyExit.usage)
            }
        }
        var log: ScanLog?
        if !noScanLog {
            do { log = try ScanLog(path: scanLog ?? store.defaultScanLog.path) } catch {
                Console.error(error.description)
                throw ExitCode(VerifyExit.usage)
            }
        }
        let options = Verifier.Options(maximumBundleAge: maxBundleAge * 86_400, shop: shopName(),
                                       sameSaleWindow: sameSaleMinutes * 60)
        let clock: @Sendable () -> Date = { fixed ?? Date() }
        let verifier = Verifier(store: store, scanLog: log, options: options, clock: clock)
        var kinds: [Verdict.Kind] = []
        if let code {
            kinds.append(emit(verifier.verify(code), details: true, namingCode: false))
        } else if let image, let picture {
            let scanner: CodeScanner
            do { scanner = try CodeScanner() } catch {
                Console.error(error.description)
                throw ExitCode(VerifyExit.usage)
            }
            for verdict in verifier.verify(image: picture, name: image, scanner: scanner) {
                kinds.append(emit(verdict, details: true, namingCode: false))
            }
        } else {
            while let line = readLine(strippingNewline: true) {
                let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { continue }
                kinds.append(emit(verifier.verify(text), details: false, namingCode: true))
            }
        }
        let status = VerifyExit.status(for: kinds)
        if status != 0 { throw ExitCode(status) }
    }

    /// Prints a verdict at once (unbuffered, so a till sees it as soon as it is made); in a
    /// scanner stream each verdict line names its code.
    private func emit(_ verdict: Verdict, details: Bool, namingCode: Bool) -> Verdict.Kind {
        var text = json ? verdict.jsonLine : namingCode ? verdict.lineNamingCode : verdict.line
        if details && !json { text += verdict.detailLines.map { "\n" + $0 }.joined() }
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
        return verdict.kind
    }

    private func shopName() -> String {
        if let shop, !shop.isEmpty { return shop }
        if let shop = ProcessInfo.processInfo.environment["PASSPORT_SHOP"], !shop.isEmpty { return shop }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "shop" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "shop" : name
    }
}
